import 'server-only';

/** A route handler under app/api/v1 that is no operation of the contract (API.md): it is not in the OpenAPI document. */
export interface OutsideContract {
  /** The folder under app/api/v1 holding its route.ts. */
  readonly route: string;
  readonly methods: readonly ('GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  readonly auth: 'public' | 'user';
  /** Why it is outside the operation table. */
  readonly outsideContract: string;
}

/**
 * The one list of route handlers outside the operation table; server/http/routes.test.ts fails for a route file's
 * method that is neither an operation nor listed here.
 */
export const outsideContract = {
  unknownPath: {
    route: '[...path]',
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    auth: 'public',
    outsideContract: "any path naming no operation: the contract's JSON 404 instead of Next.js's HTML page",
  },
  tusUpload: {
    route: 'uploads/[[...path]]',
    methods: ['POST', 'PATCH', 'DELETE', 'HEAD'],
    auth: 'user',
    outsideContract:
      "the browser's resumable image upload (API.md B.2.3): tus 1.0.0, a protocol of its own whose body tus streams to disk",
  },
  tusOptions: {
    route: 'uploads/[[...path]]',
    methods: ['OPTIONS'],
    auth: 'public',
    outsideContract: "tus 1.0.0 discovery of the server's protocol version and extensions, answered without a token",
  },
} as const satisfies Record<string, OutsideContract>;
