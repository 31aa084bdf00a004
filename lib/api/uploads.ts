import { DetailedError, Upload, type PreviousUpload } from 'tus-js-client';
import { useSessionStore } from '@/lib/stores/session-store';

export const uploadEndpoint = '/api/v1/uploads';
export const chunkSize = 8 * 1024 * 1024;

export interface UploadProgress {
  sent: number;
  total: number;
  /** Bytes per second over the last few seconds. */
  speed: number;
}

export interface UploadHandlers {
  onProgress: (p: UploadProgress) => void;
  onSuccess: () => void;
  onError: (message: string) => void;
}

/** Uploads this browser started and did not finish, for the same file (tus fingerprint in localStorage). */
export async function findResumable(file: File): Promise<PreviousUpload | null> {
  const probe = new Upload(file, { endpoint: uploadEndpoint });
  const prev = await probe.findPreviousUploads();
  return prev.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0] ?? null;
}

/**
 * A resumable tus 1.0.0 upload of an image file. A 401 mid-upload waits for the user to sign in again
 * (the in-place dialog) and then continues from the server's offset, losing nothing already sent.
 */
export function startImageUpload(
  file: File,
  imageId: string,
  handlers: UploadHandlers,
  previous?: PreviousUpload | null,
): Upload {
  const samples: Array<{ t: number; sent: number }> = [];
  const upload: Upload = new Upload(file, {
    endpoint: uploadEndpoint,
    chunkSize,
    metadata: { image_id: imageId, filename: file.name, filetype: file.type || 'application/octet-stream' },
    retryDelays: [0, 1000, 3000, 5000, 10000],
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onShouldRetry: (err) => {
      const status = err instanceof DetailedError ? err.originalResponse?.getStatus() : undefined;
      return status !== 401 && status !== 403 && status !== 404 && status !== 409;
    },
    onProgress: (sent, total) => {
      const now = Date.now();
      samples.push({ t: now, sent });
      while (samples.length > 2 && now - samples[0]!.t > 5000) samples.shift();
      const first = samples[0]!;
      const speed = now > first.t ? ((sent - first.sent) * 1000) / (now - first.t) : 0;
      handlers.onProgress({ sent, total, speed });
    },
    onSuccess: () => handlers.onSuccess(),
    onError: async (err) => {
      const status = err instanceof DetailedError ? err.originalResponse?.getStatus() : undefined;
      if (status === 401) {
        await useSessionStore.getState().whenRestored();
        upload.start();
        return;
      }
      const body = err instanceof DetailedError ? err.originalResponse?.getBody() : undefined;
      let message = err.message;
      try {
        message = (JSON.parse(body ?? '') as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not a JSON error body
      }
      handlers.onError(message);
    },
  });
  if (previous) upload.resumeFromPreviousUpload(previous);
  upload.start();
  return upload;
}
