import 'server-only';
import type { Db } from '../../db/client';

/** What every section of the simulator needs: the database (opened lazily, shared by all sections). */
export interface SimDeps {
  db: () => Promise<Db>;
}
