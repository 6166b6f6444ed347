import { DomainError } from '../../errors.ts';

/** Apple's app-specific passwords: four groups of four lowercase letters (support.apple.com/102654). */
const APP_PASSWORD = /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/;

export const APP_PASSWORD_HELP =
  'Create one at appleid.apple.com → Sign-In and Security → App-Specific Passwords (two-factor authentication must be on; ' +
  'if you do not see the option, turn it on first), label it "Studio Gateway", and paste the password Apple shows once.';

/** The app-specific password as Apple shows it (spaces and capitals forgiven), or a refusal that says what to do. */
export function checkAppPassword(value: string): string {
  const normalized = value.trim().toLowerCase();
  if (APP_PASSWORD.test(normalized)) return normalized;
  throw new DomainError(
    'apple_password_format',
    `appPassword: that is not an app-specific password. It looks like xxxx-xxxx-xxxx-xxxx (four groups of four letters); your regular Apple ID password will not work. ${APP_PASSWORD_HELP}`,
  );
}
