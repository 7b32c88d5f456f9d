/**
 * generated, do not edit.
 * Source: openapi/sandbox-control.yaml. Regenerate with `npm run generate`;
 * `npm run check` fails when this file and the spec disagree.
 */

export interface paths {
    "/_sandbox/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A self-contained HTML page (no build step) that shows the users, their media with thumbnails, which image is active, and the notification log; it polls `GET /_sandbox/users` and `GET /_sandbox/notifications` to stay current. */
        get: operations["getSandboxPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Answers 200 once the sandbox serves requests. */
        get: operations["getSandboxHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Forgets every user, token and media item, the notification log and pending webhook deliveries, and every scripted failure. The delivery switches (`PUT /_sandbox/delivery`) are set back to normal. */
        post: operations["resetSandbox"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A snapshot of everything the sandbox holds, media bytes included (Base64), in the format `PUT /_sandbox/state` and `SANDBOX_SEED` read back. */
        get: operations["getSandboxState"];
        /** @description Replaces everything the sandbox holds with the snapshot, as `POST /_sandbox/reset` followed by loading it; no notifications are emitted and the log starts empty. A snapshot that is not valid (its detail names the field and what is allowed) or that does not fit under `MAX_STORE_BYTES` changes nothing. */
        put: operations["putSandboxState"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every user with their tokens and media (without bytes), oldest first; what the page shows. */
        get: operations["listSandboxUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/users/{profileId}/media/{identifier}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profileId: string;
                identifier: string;
            };
            cookie?: never;
        };
        /** @description The exact bytes of one user's media item, for the page's thumbnails. It is not a public operation, so scripted failures and `Prefer` never apply to it. */
        get: operations["getSandboxMediaBytes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The Profile Notification log since the last reset, oldest first; with `profileId`, only that profile's messages. */
        get: operations["listSandboxNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The scripted failures that still have requests to answer, in the order they were added. */
        get: operations["listScriptedFailures"];
        put?: never;
        /**
         * @description The next `count` requests of the public operation `operationId` (after every failure added before it for
         *     that operation is used up) get the failure: wait `delayMs`, then either drop the connection without an
         *     answer (`drop: true`), answer `status` with a problem body and change nothing, or, with only a delay,
         *     be served normally. Failures are sandbox-wide (they count requests from every client), apply before
         *     authentication, and are forgotten by `POST /_sandbox/reset` and `DELETE /_sandbox/failures`.
         */
        post: operations["addScriptedFailure"];
        /** @description Forgets every scripted failure. */
        delete: operations["clearScriptedFailures"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_sandbox/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How webhook delivery of Profile Notifications behaves now. */
        get: operations["getDelivery"];
        /**
         * @description `paused: true` holds every webhook delivery (messages queue up, in order); `paused: false` sends what
         *     waited. `failNext: N` makes the next N delivery attempts count as failed whatever the subscriber answers:
         *     each is really sent, then retried with the usual backoff, so the subscriber receives the same message
         *     (same `messageId`) again, as an at-least-once queue can deliver it. Fields left out keep their value.
         */
        put: operations["putDelivery"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @constant */
            status: "ok";
        };
        /** @description An RFC 9457 problem. `detail` says what was wrong and how to fix it. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
        };
        /** @description Everything the sandbox holds. `GET /_sandbox/state` writes it; `PUT /_sandbox/state` and `SANDBOX_SEED` read it. */
        SandboxState: {
            /** @constant */
            format: "profile-contracts/sandbox-state";
            /** @constant */
            version: 1;
            users: components["schemas"]["StateUser"][];
        };
        StateUser: {
            profileId: string;
            /** @description Bearer tokens that act as this user (unique across users). */
            tokens: components["schemas"]["Token"][];
            /** @enum {string} */
            identificationLevel: "Guest" | "EmailNotVerified" | "EmailVerified";
            /** Format: date-time */
            createdDateTime: string;
            /** Format: date-time */
            lastModified: string;
            /** @description The identifier of the active profile image (a ProfileImage among `media`); absent when none. */
            activeImage?: string;
            /** @description Oldest first. */
            media: components["schemas"]["StateMedia"][];
        };
        StateMedia: {
            identifier: string;
            name: string;
            /** @description Must be what the sandbox reads from the bytes (image/png, image/jpeg, image/gif, image/webp, application/pdf or application/octet-stream). */
            encodingFormat: string;
            /** @description Must equal the number of bytes. */
            contentSize: number;
            /** Format: date-time */
            dateCreated: string;
            /** @description One of the public spec's AdditionalType values. */
            additionalType?: string;
            /** @description The bytes, standard Base64 (RFC 4648 §4) with padding. */
            base64: string;
        };
        /** @description A bearer token as `Authorization: Bearer <token>` carries it (RFC 6750 token68 characters). */
        Token: string;
        /**
         * @description The file `SANDBOX_SEED` names (YAML or JSON), loaded when the sandbox starts, and the `seed` of the
         *     MSW handlers (`createProfileServiceHandlers`); a saved `SandboxState` is accepted as well. Each media
         *     item gives its bytes either as a `file` (relative to the seed file's folder; the sandbox only) or
         *     inline as `base64` (everywhere). Media are stored in the order given; the one marked `active: true`
         *     (at most one per user, a ProfileImage that is an image) is the active profile image. A seed emits no
         *     notifications.
         */
        Seed: {
            users: components["schemas"]["SeedUser"][];
        };
        SeedUser: {
            token: components["schemas"]["Token"];
            /** @description Default a new UUID. */
            profileId?: string;
            /**
             * @default Guest
             * @enum {string}
             */
            identificationLevel: "Guest" | "EmailNotVerified" | "EmailVerified";
            media?: components["schemas"]["SeedMedia"][];
        };
        /** @description Exactly one of `file` and `base64` gives the bytes. */
        SeedMedia: {
            /** @description Path of the file, relative to the seed file's folder (SANDBOX_SEED only; a browser has no files). */
            file?: string;
            /** @description The bytes inline, as standard Base64 (RFC 4648 section 4, padded, no line breaks). */
            base64?: string;
            /** @description Default a new UUID. */
            identifier?: string;
            /** @description Default the file's name; required with `base64`. */
            name?: string;
            /** @description One of the public spec's AdditionalType values. */
            additionalType?: string;
            /** @default false */
            active: boolean;
        };
        UserSummary: {
            profileId: string;
            tokens: string[];
            identificationLevel: string;
            /** Format: date-time */
            createdDateTime: string;
            /** Format: date-time */
            lastModified: string;
            activeImage?: string;
            /** @description Bytes of this user's media. */
            bytes: number;
            media: components["schemas"]["MediaSummary"][];
        };
        MediaSummary: {
            identifier: string;
            name: string;
            encodingFormat: string;
            contentSize: number;
            /** Format: date-time */
            dateCreated: string;
            additionalType?: string;
        };
        /** @description A Profile Notification as the public spec's webhook describes it. */
        Notification: {
            properties: {
                messageId: string;
                entityName: string;
                eventTrigger: string;
                profileId: string;
                identifier: string;
            };
            body: {
                [key: string]: unknown;
            };
        };
        /** @description At least one of `status`, `delayMs` and `drop`; `status` and `drop` exclude each other. */
        ScriptedFailureRequest: {
            /** @description The public spec's operationId, e.g. getMe, uploadMedia, downloadMedia. */
            operationId: string;
            /** @default 1 */
            count: number;
            /** @description Any 4xx/5xx, declared in the public spec or not (e.g. 500, 502, 503). */
            status?: number;
            delayMs?: number;
            /** @description Close the connection without an answer. */
            drop?: boolean;
        };
        ScriptedFailure: {
            id: number;
            operationId: string;
            /** @description Requests this failure will still answer. */
            remaining: number;
            status?: number;
            delayMs?: number;
            drop?: boolean;
        };
        DeliveryControl: {
            paused?: boolean;
            failNext?: number;
        };
        DeliveryState: {
            paused: boolean;
            /** @description Delivery attempts that will still count as failed. */
            failNext: number;
            /** @description Messages waiting for delivery. */
            pending: number;
        };
    };
    responses: {
        /** @description The snapshot is not valid; the detail names the field and what is allowed. */
        InvalidState: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request to a control route is not valid; the detail names the field and what is allowed. */
        InvalidControlRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The snapshot's media bytes do not fit under MAX_STORE_BYTES; nothing was changed. */
        StoreFull: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such user or media item. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getSandboxPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getSandboxHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandbox is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    resetSandbox: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sandbox is empty. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getSandboxState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SandboxState"];
                };
            };
        };
    };
    putSandboxState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SandboxState"];
            };
        };
        responses: {
            /** @description The snapshot is now the sandbox's state. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidState"];
            507: components["responses"]["StoreFull"];
        };
    };
    listSandboxUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSummary"][];
                };
            };
        };
    };
    getSandboxMediaBytes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profileId: string;
                identifier: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with `Content-Type` set to the item's `encodingFormat`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    listSandboxNotifications: {
        parameters: {
            query?: {
                profileId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"][];
                };
            };
            400: components["responses"]["InvalidControlRequest"];
        };
    };
    listScriptedFailures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pending failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScriptedFailure"][];
                };
            };
        };
    };
    addScriptedFailure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScriptedFailureRequest"];
            };
        };
        responses: {
            /** @description The failure is scheduled. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScriptedFailure"];
                };
            };
            400: components["responses"]["InvalidControlRequest"];
        };
    };
    clearScriptedFailures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No failure is scheduled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery switches and the number of messages waiting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryState"];
                };
            };
        };
    };
    putDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliveryControl"];
            };
        };
        responses: {
            /** @description The delivery switches now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryState"];
                };
            };
            400: components["responses"]["InvalidControlRequest"];
        };
    };
}
