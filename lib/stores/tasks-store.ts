import { create } from 'zustand';

export type TaskState = 'running' | 'done' | 'failed';
export interface Task {
  id: string;
  label: string;
  state: TaskState;
  message?: string;
  /** Set when the task ends only once this resource reaches a stable status (async 202 operations). */
  resource?: { type: string; id: string };
  /** Bytes so far and the total (null when unknown), for tasks that report it (an image import). */
  progress?: { bytes: number | null; total: number | null };
  startedAt: number;
  endedAt?: number;
}

interface TasksState {
  tasks: Task[];
  start: (label: string, resource?: Task['resource']) => string;
  finish: (id: string, state: Exclude<TaskState, 'running'>, message?: string) => void;
  /** The progress of a running task, as its poller last read it. */
  progress: (id: string, progress: NonNullable<Task['progress']>) => void;
  /** Called from the events stream: ends the running tasks waiting on this resource. */
  settleResource: (type: string, id: string, status: string, isStable: boolean) => void;
  clearFinished: () => void;
}

let seq = 0;
export const useTasksStore = create<TasksState>((set) => ({
  tasks: [],
  start: (label, resource) => {
    const id = `t${++seq}`;
    const task: Task = { id, label, state: 'running', resource, startedAt: Date.now() };
    set((s) => ({ tasks: [task, ...s.tasks].slice(0, 50) }));
    return id;
  },
  finish: (id, state, message) =>
    set((s) => ({ tasks: s.tasks.map((t) => (t.id === id ? { ...t, state, message, endedAt: Date.now() } : t)) })),
  progress: (id, progress) =>
    set((s) => ({ tasks: s.tasks.map((t) => (t.id === id && t.state === 'running' ? { ...t, progress } : t)) })),
  settleResource: (type, rid, status, isStable) => {
    if (!isStable) return;
    set((s) => ({
      tasks: s.tasks.map((t) =>
        t.state === 'running' && t.resource?.type === type && t.resource.id === rid
          ? { ...t, state: (status === 'error' ? 'failed' : 'done') as TaskState, message: status, endedAt: Date.now() }
          : t,
      ),
    }));
  },
  clearFinished: () => set((s) => ({ tasks: s.tasks.filter((t) => t.state === 'running') })),
}));
