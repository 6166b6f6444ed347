import type { Db } from './database.ts';
import { table } from './table.ts';

export interface Certification {
  id: string;
  mentorId: string;
  title: string;
  issuer: string;
  year: number;
}

const certifications = table<Certification>('certifications', { id: 'plain', mentorId: 'plain', title: 'plain', issuer: 'plain', year: 'plain' });

export function createCertificationsRepo(db: Db) {
  const forMentor = certifications.prepare<[string]>(db, 'WHERE mentor_id = ? ORDER BY year DESC, id');
  return {
    insert: certifications.inserter(db),
    forMentor(mentorId: string): Certification[] {
      return forMentor.all(mentorId);
    },
    find: certifications.findBy(db, 'id'),
    delete: certifications.deleteBy(db, 'id'),
  };
}
export type CertificationsRepo = ReturnType<typeof createCertificationsRepo>;
