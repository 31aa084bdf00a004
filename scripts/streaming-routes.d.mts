// Types of streaming-routes.mjs (plain JavaScript for serve.mjs), for its test in server/http/streaming-routes.test.ts.
export interface StreamingRoute {
  pattern: RegExp;
  template: string;
  allow: string[];
}
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}
export const streamingRoutes: StreamingRoute[];
export const apiSecurityHeaders: Record<string, string>;
export function errorReply(
  code: number,
  type: string,
  title: string,
  message: string,
  detail: { path: string; message: string },
  headers?: Record<string, string>,
): ErrorReply;
export function streamingMethodRefusal(method: string | undefined, rawUrl: string | undefined): ErrorReply | undefined;
