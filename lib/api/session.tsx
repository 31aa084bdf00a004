'use client';
import { createContext, useContext } from 'react';
import type { Role } from '@/lib/contract/auth';

/** Who is signed in, as the console shell knows it (from the server session). */
export interface SessionInfo {
  userId: string;
  userName: string;
  projectId: string;
  projectName: string;
  roles: Role[];
  isAdmin: boolean;
  /** The backend is the embedded simulator: the "demo data" marker, the fault banner and the presenter's panel. */
  simulator: boolean;
  /** The read-only demo visitor: every change is refused ("read-only demo"). */
  readOnly: boolean;
}

const SessionContext = createContext<SessionInfo | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useSessionInfo(): SessionInfo {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSessionInfo needs a SessionProvider');
  return v;
}
