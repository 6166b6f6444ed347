import type { OwnerIdentity } from '../owner-profile.ts';

/** The demo studio's fixed content: Lotus Loft, a two-city studio (Stockholm and Lisbon). */

/** The demo studio's owner (deterministic, so tests and screenshots can rely on it). */
export const DEMO_OWNER: OwnerIdentity = {
  name: 'Maya Lindqvist',
  email: 'maya@lotusloft.example',
  emailVerified: true,
  accountType: 'studio',
};

export const DEMO_STUDIO = {
  name: 'Lotus Loft',
  tagline: 'Yoga, pilates and breathwork in Stockholm and Lisbon',
  description:
    'A small studio with two homes: a sunlit loft on Södermalm and a courtyard room in Príncipe Real. Small groups, ' +
    'mentors who know your name, and online classes for the weeks you travel.',
  website: 'https://lotusloft.example',
  email: 'hello@lotusloft.example',
  phone: '+46 8 555 010 10',
  currency: 'EUR',
};

export const DEMO_HOME = { label: 'Södermalm, Stockholm', lat: 59.3149, lng: 18.0726 };

export const DEMO_LOCATIONS = [
  { id: 'loc_stockholm', name: 'Lotus Loft Södermalm', address: 'Hornsgatan 54', city: 'Stockholm', country: 'SE', timezone: 'Europe/Stockholm', lat: 59.3172, lng: 18.0621 },
  { id: 'loc_lisbon', name: 'Lotus Loft Príncipe Real', address: 'Rua da Escola Politécnica 112', city: 'Lisbon', country: 'PT', timezone: 'Europe/Lisbon', lat: 38.7167, lng: -9.1497 },
] as const;

export const DEMO_MENTORS = [
  {
    id: 'men_maya',
    name: 'Maya Lindqvist',
    bio: 'Founder of Lotus Loft. Teaches vinyasa and yin with an eye for alignment and a soft voice for the hard parts.',
    practices: ['yoga', 'yin', 'meditation'],
    locationIds: ['loc_stockholm'],
    isOwner: true,
    certifications: [
      { title: 'RYT-500 Vinyasa', issuer: 'Yoga Alliance', year: 2016 },
      { title: 'Yin Yoga Teacher Training', issuer: 'Yinspiration', year: 2019 },
    ],
  },
  {
    id: 'men_joao',
    name: 'João Ferreira',
    bio: 'Former dancer, now a reformer and mat pilates teacher in Lisbon. Precise, playful, and strict about breathing.',
    practices: ['pilates', 'barre'],
    locationIds: ['loc_lisbon'],
    isOwner: false,
    certifications: [{ title: 'Comprehensive Pilates Certification', issuer: 'BASI Pilates', year: 2018 }],
  },
  {
    id: 'men_elin',
    name: 'Elin Berg',
    bio: 'Breathwork and mobility coach. Runs the online classes and the early-morning crowd in both cities.',
    practices: ['breathwork', 'mobility', 'yoga'],
    locationIds: ['loc_stockholm', 'loc_lisbon'],
    isOwner: false,
    certifications: [
      { title: 'Oxygen Advantage Instructor', issuer: 'Oxygen Advantage', year: 2021 },
      { title: 'RYT-200', issuer: 'Yoga Alliance', year: 2017 },
    ],
  },
] as const;

export interface DemoClass {
  id: string;
  title: string;
  practice: string;
  description: string;
  mentorId: string;
  timezone: string;
  capacity: number;
  priceCents: number;
  durationMinutes: number;
  mode: 'in_person' | 'online';
  locationId: string | null;
  videoProvider: 'google_meet' | 'zoom' | null;
  startTime: string;
  recurrence: string;
}

const sthlm = { timezone: 'Europe/Stockholm', mode: 'in_person', locationId: 'loc_stockholm', videoProvider: null } as const;
const lisbon = { timezone: 'Europe/Lisbon', mode: 'in_person', locationId: 'loc_lisbon', videoProvider: null } as const;

export const DEMO_CLASSES: readonly DemoClass[] = [
  { id: 'cls_morning_vinyasa', title: 'Morning Vinyasa', practice: 'yoga', description: 'A flowing, breath-led practice to wake the body.', mentorId: 'men_maya', ...sthlm, capacity: 14, priceCents: 2200, durationMinutes: 60, startTime: '07:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' },
  { id: 'cls_slow_yin', title: 'Slow Yin', practice: 'yin', description: 'Long holds, quiet room, blankets provided.', mentorId: 'men_maya', ...sthlm, capacity: 12, priceCents: 2200, durationMinutes: 75, startTime: '19:30', recurrence: 'FREQ=WEEKLY;BYDAY=TU' },
  { id: 'cls_lunch_flow', title: 'Lunch Flow', practice: 'yoga', description: 'Forty-five minutes, back at your desk by one.', mentorId: 'men_elin', ...sthlm, capacity: 16, priceCents: 1800, durationMinutes: 45, startTime: '12:10', recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH' },
  { id: 'cls_weekend_vinyasa', title: 'Saturday Strong Vinyasa', practice: 'yoga', description: 'A longer, stronger practice with arm balances.', mentorId: 'men_maya', ...sthlm, capacity: 18, priceCents: 2500, durationMinutes: 90, startTime: '10:00', recurrence: 'FREQ=WEEKLY;BYDAY=SA' },
  { id: 'cls_sunday_breath', title: 'Sunday Breathwork', practice: 'breathwork', description: 'Guided breathing and a long rest.', mentorId: 'men_elin', ...sthlm, capacity: 10, priceCents: 2000, durationMinutes: 60, startTime: '17:00', recurrence: 'FREQ=WEEKLY;BYDAY=SU' },
  { id: 'cls_mobility_basics', title: 'Mobility Basics', practice: 'mobility', description: 'Joints, hips and spine: the maintenance class.', mentorId: 'men_elin', ...sthlm, capacity: 12, priceCents: 1800, durationMinutes: 50, startTime: '18:00', recurrence: 'FREQ=WEEKLY;BYDAY=TH' },
  { id: 'cls_mat_pilates', title: 'Mat Pilates', practice: 'pilates', description: 'Classical mat repertoire, small group.', mentorId: 'men_joao', ...lisbon, capacity: 12, priceCents: 2000, durationMinutes: 55, startTime: '18:30', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE' },
  { id: 'cls_reformer_duet', title: 'Reformer Duet', practice: 'pilates', description: 'Two people, two reformers, one teacher.', mentorId: 'men_joao', ...lisbon, capacity: 2, priceCents: 4500, durationMinutes: 55, startTime: '09:00', recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH' },
  { id: 'cls_barre_burn', title: 'Barre Burn', practice: 'barre', description: 'Ballet-inspired strength with small moves and big shakes.', mentorId: 'men_joao', ...lisbon, capacity: 14, priceCents: 1900, durationMinutes: 50, startTime: '19:00', recurrence: 'FREQ=WEEKLY;BYDAY=TH' },
  { id: 'cls_lisbon_sunrise', title: 'Sunrise Yoga Lisboa', practice: 'yoga', description: 'Gentle flow as the city wakes up.', mentorId: 'men_elin', ...lisbon, capacity: 15, priceCents: 1800, durationMinutes: 60, startTime: '07:30', recurrence: 'FREQ=WEEKLY;BYDAY=TU,FR' },
  { id: 'cls_lisbon_weekend_pilates', title: 'Weekend Pilates Lisboa', practice: 'pilates', description: 'A full-body mat class to start the weekend.', mentorId: 'men_joao', ...lisbon, capacity: 14, priceCents: 2000, durationMinutes: 60, startTime: '11:00', recurrence: 'FREQ=WEEKLY;BYDAY=SA' },
  { id: 'cls_online_breath', title: 'Online Breath Reset', practice: 'breathwork', description: 'Twenty-five minutes of breathing from wherever you are.', mentorId: 'men_elin', timezone: 'Europe/Stockholm', mode: 'online', locationId: null, videoProvider: 'google_meet', capacity: 40, priceCents: 900, durationMinutes: 25, startTime: '08:00', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH' },
  { id: 'cls_online_yin', title: 'Online Evening Yin', practice: 'yin', description: 'Wind down at home; props from the kitchen welcome.', mentorId: 'men_maya', timezone: 'Europe/Stockholm', mode: 'online', locationId: null, videoProvider: 'zoom', capacity: 30, priceCents: 1200, durationMinutes: 60, startTime: '20:30', recurrence: 'FREQ=WEEKLY;BYDAY=WE' },
  { id: 'cls_online_pilates', title: 'Online Pilates Express', practice: 'pilates', description: 'A fast 30-minute mat class over Zoom.', mentorId: 'men_joao', timezone: 'Europe/Lisbon', mode: 'online', locationId: null, videoProvider: 'zoom', capacity: 30, priceCents: 1000, durationMinutes: 30, startTime: '13:00', recurrence: 'FREQ=WEEKLY;BYDAY=FR' },
  { id: 'cls_meditation_circle', title: 'Meditation Circle', practice: 'meditation', description: 'Sitting practice and tea, every other Sunday.', mentorId: 'men_maya', ...sthlm, capacity: 20, priceCents: 1200, durationMinutes: 45, startTime: '09:30', recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU' },
];

export const FIRST_NAMES = [
  'Anna', 'Erik', 'Sofia', 'Lars', 'Ingrid', 'Oskar', 'Freja', 'Nils', 'Astrid', 'Karl', 'Beatriz', 'Tiago', 'Inês', 'Rui',
  'Marta', 'Diogo', 'Leonor', 'Pedro', 'Hanna', 'Johan', 'Clara', 'Miguel', 'Sara', 'Gustav', 'Emma', 'Ana', 'Lucas',
  'Ebba', 'Filipa', 'Axel',
];

export const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Silva', 'Santos', 'Oliveira', 'Costa', 'Pereira', 'Rodrigues', 'Martins', 'Sousa', 'Fernandes', 'Gomes',
];

export const CLIENT_TAGS = ['regular', 'new', 'class pack', 'prenatal', 'injury: knee', 'injury: lower back', 'teacher training', 'corporate', 'online only'];

export const CLIENT_NOTES = [
  'Prefers a spot near the window.',
  'Recovering from a knee injury: offer blocks in lunges.',
  'Asked about the teacher training in spring.',
  'Usually brings a friend on Saturdays.',
  'Pays with a 10-class pack.',
  'Pregnant (second trimester): prenatal modifications.',
  '',
  '',
];

export const ADD_ONS = ['mat rental', 'towel', 'locker'];

export const REVIEW_TEXTS: readonly [number, string][] = [
  [5, 'The best start to my week. Maya remembers everyone and the room is calm.'],
  [5, 'Reformer duet with João is worth every cent: I finally understand my core.'],
  [4, 'Lovely class, a little crowded on Mondays.'],
  [5, 'Sunday breathwork has become a ritual. I sleep better.'],
  [3, 'Good teaching but the room was cold this week.'],
  [4, 'Barre Burn lives up to its name. Music could be louder.'],
  [5, 'Online yin is perfect after putting the kids to bed.'],
  [2, 'Class started ten minutes late and ran over; I missed my train.'],
  [5, 'Elin explains breathing like nobody else.'],
  [4, 'Nice mix of strength and stretch on Saturdays.'],
  [5, 'Warm, welcoming, and they had a spare mat when I forgot mine.'],
  [4, 'Great teacher, booking system could show the waitlist.'],
];

export const REVIEW_RESPONSES = [
  'Thank you so much! See you on the mat.',
  'Thanks for telling us: we have fixed the heating.',
  'We are sorry about the delay, it should not happen. Your next class is on us.',
];

export const THREADS = [
  { subject: 'Private session for two?', inquiry: true, messages: ['Hi! Do you offer private sessions for a couple? We are beginners.', 'Hello! Yes, the Reformer Duet is made for that. Tuesdays and Thursdays at 9.', 'Perfect, we will book next week.'] },
  { subject: 'Corporate classes', inquiry: true, messages: ['We are a team of 12 in Södermalm. Could you teach a weekly lunch class at our office?', 'We would love to. Lunch Flow could move to your office on Thursdays; shall I send a price?'] },
  { subject: 'Missed class refund', inquiry: false, messages: ['I was sick and missed Saturday. Can I move my booking?', 'Of course, get well soon. I moved you to next Saturday.'] },
  { subject: 'Prenatal yoga', inquiry: false, messages: ['Is Slow Yin ok in the third trimester?', 'Yes, with a few modifications; tell the teacher when you arrive.', 'Thank you!'] },
  { subject: 'Gift card', inquiry: true, messages: ['Do you sell gift cards for a 5-class pack?'] },
  { subject: 'Teacher training 2027', inquiry: false, messages: ['When does the next teacher training start?', 'The 200-hour training starts in March. I will send you the brochure.', 'Great, I am in!', 'Wonderful, welcome aboard.'] },
  { subject: 'Parking near the loft', inquiry: true, messages: ['Is there parking near Hornsgatan?'] },
  { subject: 'Zoom link not working', inquiry: false, messages: ['The Zoom link for Evening Yin says the meeting has not started.', 'Sorry! It opens five minutes before class; it should work now.'] },
  { subject: 'Reformer availability', inquiry: false, messages: ['Any spot left in the duet on Thursday?', 'Thursday is full, but Tuesday has one place left.'] },
  { subject: 'Mat recommendation', inquiry: true, messages: ['Which mat do you use in the studio? I want to buy one.', 'We use a 4 mm natural rubber mat; happy to show you after class.'] },
];

export const EXPENSES_PER_MONTH = [
  { category: 'rent', description: 'Rent: Södermalm loft', amountCents: 280_000 },
  { category: 'rent', description: 'Rent: Príncipe Real room', amountCents: 190_000 },
  { category: 'software', description: 'Booking and video subscriptions', amountCents: 8_900 },
  { category: 'utilities', description: 'Electricity and heating', amountCents: 31_000 },
];

export const OCCASIONAL_EXPENSES = [
  { category: 'equipment', description: 'Bolsters and blocks', amountCents: 42_000 },
  { category: 'marketing', description: 'Instagram ads: spring schedule', amountCents: 15_000 },
  { category: 'insurance', description: 'Liability insurance (quarter)', amountCents: 36_000 },
  { category: 'cleaning', description: 'Deep clean, both locations', amountCents: 22_000 },
  { category: 'equipment', description: 'Reformer springs service', amountCents: 18_500 },
];

export const OTHER_EARNINGS = [
  { category: 'workshops', description: 'Inversions workshop', amountCents: 96_000 },
  { category: 'retail', description: 'Mats and straps sold', amountCents: 21_500 },
  { category: 'private sessions', description: 'Private session block (5)', amountCents: 45_000 },
  { category: 'workshops', description: 'Breathwork for runners', amountCents: 64_000 },
];

export const DIRECTORY_CITIES = [
  { city: 'Stockholm', country: 'SE', lat: 59.3293, lng: 18.0686 },
  { city: 'Uppsala', country: 'SE', lat: 59.8586, lng: 17.6389 },
  { city: 'Gothenburg', country: 'SE', lat: 57.7089, lng: 11.9746 },
  { city: 'Lisbon', country: 'PT', lat: 38.7223, lng: -9.1393 },
  { city: 'Porto', country: 'PT', lat: 41.1579, lng: -8.6291 },
  { city: 'Copenhagen', country: 'DK', lat: 55.6761, lng: 12.5683 },
  { city: 'Berlin', country: 'DE', lat: 52.52, lng: 13.405 },
];

export const DIRECTORY_PRACTICES = ['yoga', 'pilates', 'barre', 'meditation', 'breathwork', 'mobility', 'strength', 'yin'];
export const DIRECTORY_STUDIO_WORDS = ['Studio', 'Loft', 'House', 'Room', 'Collective', 'Space'];
export const DIRECTORY_STUDIO_NAMES = ['Birch', 'Harbour', 'Tide', 'Ember', 'Cedar', 'Atlas', 'Solstice', 'Nord', 'Azulejo', 'Fjord', 'Lantern', 'Juniper'];
