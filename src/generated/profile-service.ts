/**
 * generated, do not edit.
 * Source: openapi/profile-service.yaml. Regenerate with `npm run generate`;
 * `npm run check` fails when this file and the spec disagree.
 */

export interface paths {
    "/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a guest profile and a token for it
         * @description Creates a new guest profile (a Person with `identificationLevel: Guest`) and returns a bearer token for
         *     it. Parameters are query parameters, there is no request body. This is how black-box tests obtain a
         *     fresh, isolated user. Emits a Person `Create` notification. An unsupported or missing `grant_type`
         *     answers `400`. (The real service knows further grant types, such as `refresh_token`, that are outside
         *     this kit's scope.)
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Get the current user's Person
         * @description Returns the current user's Person. `profileImage` is present and non-empty (the `identifier` of the
         *     active profile-image media) exactly when the user has an active profile image; otherwise it is missing
         *     or `""`. Treat both the same: "no profile image".
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/profileimage": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Get the active profile image as Base64
         * @description Returns the exact bytes of the active profile image, encoded as standard Base64 (RFC 4648 section 4,
         *     padded, no line breaks), as `text/plain`. Answers `404` when the user has no active profile image.
         */
        get: operations["getProfileImage"];
        put?: never;
        post?: never;
        /**
         * Delete the active profile image
         * @description Removes the active profile image. Its media item is deleted (it leaves `GET /media` and
         *     `GET /media/{identifier}` answers `404`), `Person.profileImage` becomes missing, and **no older image is
         *     promoted**: the user has no active profile image afterwards. Emits exactly one Person `Update`
         *     notification. With no active profile image: `404`, nothing changes, no notification.
         */
        delete: operations["deleteProfileImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List the current user's media
         * @description Returns all of the current user's media items, oldest first, each exactly once. Replaced profile images
         *     stay in this list (replace, not delete).
         */
        get: operations["listMedia"];
        put?: never;
        /**
         * Upload a media item (and set the profile image)
         * @description Uploads one file as a new media item of the current user. The body is `multipart/form-data` with
         *     exactly one part named `file` (with a filename) and, optionally, a text part `name`.
         *
         *     The media type is given by the `AdditionalType` query parameter (or, as the real service also takes
         *     it, the form field `additionalType`; when both are given they must be equal). Values are exact and
         *     case-sensitive. Without one, the upload is a plain media item with no type.
         *
         *     **Replace, not delete:** with `AdditionalType=ProfileImage` the new media becomes the active profile
         *     image at once; the previously active image stays in `GET /media`, unchanged and still downloadable.
         *     `Person.profileImage` then holds the new identifier and exactly one Person `Update` notification is
         *     emitted. Media of any other type never changes the active profile image.
         *
         *     A `ProfileImage` must be a JPEG, PNG, GIF or WebP image, judged by its magic bytes, not by the part's
         *     declared content type (`415` otherwise). Files over the upload limit (10 MiB by default) answer `413`.
         *     A rejected upload stores nothing, changes nothing and emits no notification.
         */
        post: operations["uploadMedia"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{identifier}": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        /**
         * Get one media item
         * @description Returns one of the current user's media items. An unknown identifier, or one that belongs to another
         *     user, answers `404`.
         */
        get: operations["getMedia"];
        put?: never;
        post?: never;
        /**
         * Delete one media item
         * @description Deletes one of the current user's media items. Deleting the active profile image this way has the same
         *     effects as `DELETE /me/profileimage` (no older image is promoted, one Person `Update` notification);
         *     deleting any other media item changes nothing else.
         */
        delete: operations["deleteMedia"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{identifier}/base64": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        /**
         * Get one media item's bytes as Base64
         * @description Returns the standard Base64 (RFC 4648 section 4, padded) of the media item's exact bytes.
         */
        get: operations["getMediaBase64"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{identifier}/download": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        /**
         * Download one media item's bytes
         * @description Returns the media item's exact bytes with `Content-Type` equal to its `encodingFormat`, its
         *     `Content-Length`, and `Content-Disposition: attachment; filename="..."`.
         */
        get: operations["downloadMedia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    profileNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A Profile Notification message
         * @description The Profile Service emits a Profile Notification message for profile changes (on a message queue in the
         *     real service; the sandbox started with `NOTIFY_WEBHOOK_URL=<url>` POSTs each message there, in order per
         *     profile, retrying failed deliveries with backoff, at least once).
         *
         *     Whenever the active profile image is set, replaced or removed, exactly one message with
         *     `entityName: Person`, `eventTrigger: Update` is emitted; its `body` is the Person exactly as `GET /me`
         *     returns it right after the change (so `profileImage` is the new identifier, or missing after removal).
         *     Creating a guest emits `eventTrigger: Create`. Other media changes emit no Person message. Each message
         *     has a unique `messageId`, so a subscriber can drop duplicates.
         */
        post: operations["profileNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description A bearer token for a profile. */
        TokenResponse: {
            /** @description The bearer token, sent as `Authorization: Bearer <token>`. */
            token: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description When the token expires, as a Unix epoch in seconds. */
            expiresIn: number;
            /** Format: date-time */
            expiresInDate?: string;
            refreshToken?: string;
            /** Format: date-time */
            refreshTokenExpiresInDate?: string;
        };
        /** @enum {string} */
        IdentificationLevel: "Guest" | "EmailNotVerified" | "EmailVerified";
        /** @description The current user's profile. Further properties may be present; consumers ignore what they do not know. */
        Person: {
            profileId: string;
            identificationLevel: components["schemas"]["IdentificationLevel"];
            /** Format: date-time */
            createdDateTime: string;
            /** Format: date-time */
            lastModified: string;
            givenName?: string;
            familyName?: string;
            displayName?: string;
            /** Format: email */
            email?: string;
            preferredLanguage?: string;
            /**
             * @description The `identifier` of the active profile-image media. Present and non-empty exactly when the user has
             *     an active profile image; missing or `""` when there is none (treat both as "no profile image").
             *     Deliberately not required and without `minLength`, so that both forms of "none" are valid.
             */
            profileImage?: string;
        };
        /**
         * @description The media's type, exact and case-sensitive. `ProfileImage` sets the active profile image; every other
         *     value is an ordinary media item that never changes it.
         * @enum {string}
         */
        AdditionalType: "ProfileImage" | "TravelerProfileImage" | "SupportingDocument" | "Scan" | "Document" | "PasswordImage";
        /** @description One media item of the current user. */
        MediaObject: {
            identifier: string;
            /** @description The media's name; the uploaded file's name unless a `name` part was given. */
            name: string;
            /**
             * @description The MIME type, determined from the content.
             * @example image/png
             */
            encodingFormat: string;
            /** @description The size in bytes. */
            contentSize: number;
            /** Format: date-time */
            dateCreated: string;
            additionalType?: components["schemas"]["AdditionalType"];
            /**
             * Format: uri-reference
             * @description Link to `/media/{identifier}/download`.
             */
            contentUrl?: string;
            /**
             * Format: uri-reference
             * @description Link to `/media/{identifier}/download`.
             */
            downloadUrl?: string;
        };
        /** @description The multipart body of `POST /media`. */
        MediaUpload: {
            /**
             * Format: binary
             * @description The file's bytes, in exactly one part named `file`, with a filename. Must not be empty.
             */
            file: Blob;
            /** @description The media's name; defaults to the file's name. */
            name?: string;
            additionalType?: components["schemas"]["AdditionalType"];
        };
        /** @description Standard Base64 (RFC 4648 section 4), padded, no line breaks. */
        Base64: string;
        /**
         * Format: binary
         * @description The exact bytes.
         */
        Binary: Blob;
        /** @description An RFC 9457 problem. `detail` says what was wrong and how to fix it. */
        Problem: {
            /**
             * Format: uri-reference
             * @description Identifies the kind of problem.
             */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** Format: uri-reference */
            instance?: string;
        };
        /** @description The message properties of a Profile Notification. */
        ProfileNotificationProperties: {
            /** @description Unique per message; subscribers drop duplicates by it. */
            messageId: string;
            /** @example Person */
            entityName: string;
            /** @enum {string} */
            eventTrigger: "Create" | "Update" | "Delete";
            profileId: string;
            /** @description The changed entity's identifier (for a Person, its `profileId`). */
            identifier: string;
        };
        /**
         * @description A Profile Notification message: its `properties`, and its `body`, the full entity in the public API's
         *     model. For `entityName: Person` the body is the Person as `GET /me` returns it right after the change.
         */
        ProfileNotification: {
            properties: components["schemas"]["ProfileNotificationProperties"];
            body: components["schemas"]["Person"];
        };
    };
    responses: {
        /** @description The bearer token is missing, malformed or unknown. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `grant_type` is missing or not supported. */
        BadTokenRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The upload is malformed (no, or more than one, `file` part; an empty file; a malformed multipart body; an unknown or conflicting `AdditionalType`). */
        BadUpload: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The user has no active profile image. */
        NoProfileImage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No media item with this identifier belongs to the current user. */
        MediaNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The file is larger than the upload limit. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A `ProfileImage` whose bytes are not a JPEG, PNG, GIF or WebP image. */
        NotAnImage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
        SubscriptionKey: string;
        /**
         * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
         * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
         */
        MediaIdentifier: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The authentication scheme to use, `Bearer`.
         * @example Bearer
         */
        WWWAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createToken: {
        parameters: {
            query: {
                /** @description The grant to use. Only `guest` is part of this contract. */
                grant_type: "guest";
            };
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A token for the newly created guest profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadTokenRequest"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current user's Person. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Person"];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    getProfileImage: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Base64 of the active profile image's bytes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["Base64"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NoProfileImage"];
        };
    };
    deleteProfileImage: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The active profile image was deleted; the user now has none. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NoProfileImage"];
        };
    };
    listMedia: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's media items, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaObject"][];
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    uploadMedia: {
        parameters: {
            query?: {
                /** @description The media's type. Use the exact value `ProfileImage` to set the profile image. */
                AdditionalType?: components["schemas"]["AdditionalType"];
            };
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["MediaUpload"];
            };
        };
        responses: {
            /** @description The media item was created (and, for a `ProfileImage`, made the active profile image). */
            201: {
                headers: {
                    /**
                     * @description The new media item, `/media/{identifier}`.
                     * @example /media/7c9e6679-7425-40de-944b-e07fc1f90ae7
                     */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaObject"];
                };
            };
            400: components["responses"]["BadUpload"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["NotAnImage"];
        };
    };
    getMedia: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The media item. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaObject"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["MediaNotFound"];
        };
    };
    deleteMedia: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The media item was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["MediaNotFound"];
        };
    };
    getMediaBase64: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Base64 of the media item's bytes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["Base64"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["MediaNotFound"];
        };
    };
    downloadMedia: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API subscription key the real service's gateway takes. The sandbox and mock ignore it. */
                "Ocp-Apim-Subscription-Key"?: components["parameters"]["SubscriptionKey"];
            };
            path: {
                /**
                 * @description The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                identifier: components["parameters"]["MediaIdentifier"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The media item's exact bytes. */
            200: {
                headers: {
                    /**
                     * @description `attachment; filename="<name>"`
                     * @example attachment; filename="profile.png"
                     */
                    "Content-Disposition": string;
                    /**
                     * @description The number of bytes.
                     * @example 70
                     */
                    "Content-Length": number;
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": components["schemas"]["Binary"];
                    "image/png": components["schemas"]["Binary"];
                    "image/gif": components["schemas"]["Binary"];
                    "image/webp": components["schemas"]["Binary"];
                    "application/pdf": components["schemas"]["Binary"];
                    "application/octet-stream": components["schemas"]["Binary"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["MediaNotFound"];
        };
    };
    profileNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileNotification"];
            };
        };
        responses: {
            /** @description The subscriber accepted the message. Any 2xx acknowledges; anything else is retried. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The subscriber accepted the message (no body). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
