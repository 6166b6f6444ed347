import type { Db } from './database.ts';

export interface Certification {
  id: string;
  mentorId: string;
  title: string;
  issuer: string;
  year: number;
}

interface CertificationRow {
  id: string;
  mentor_id: string;
  title: string;
  issuer: string;
  year: number;
}

const toModel = (r: CertificationRow): Certification => ({ id: r.id, mentorId: r.mentor_id, title: r.title, issuer: r.issuer, year: r.year });

export function createCertificationsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO certifications (id, mentor_id, title, issuer, year) VALUES (@id, @mentorId, @title, @issuer, @year)');
  const forMentor = db.prepare<[string], CertificationRow>('SELECT * FROM certifications WHERE mentor_id = ? ORDER BY year DESC, id');
  const find = db.prepare<[string], CertificationRow>('SELECT * FROM certifications WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM certifications WHERE id = ?');
  return {
    insert(c: Certification): void {
      insert.run(c);
    },
    forMentor(mentorId: string): Certification[] {
      return forMentor.all(mentorId).map(toModel);
    },
    find(id: string): Certification | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type CertificationsRepo = ReturnType<typeof createCertificationsRepo>;
