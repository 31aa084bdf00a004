'use client';
import { useSessionInfo } from '@/lib/api/session';

/** Readers see everything and change nothing; the buttons that would be refused are not offered. */
export function useCanWrite(): boolean {
  const s = useSessionInfo();
  return s.isAdmin || !s.roles.includes('reader');
}
