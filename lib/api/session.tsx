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
}

const SessionContext = createContext<SessionInfo | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useSessionInfo(): SessionInfo {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSessionInfo needs a SessionProvider');
  return v;
}
