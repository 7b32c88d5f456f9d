/**
 * generated, do not edit.
 * Source: openapi/profile-service.yaml, as plain data. Regenerate with `npm run generate`;
 * the tests fail when this file and the spec disagree.
 */

export const specDocument: Readonly<Record<string, any>> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Profile Service — profile image and media API",
    "version": "1.0.0",
    "summary": "The profile-image and media endpoints of the Profile Service, as the kit's single source of truth.",
    "description": "Hand-written contract of the Profile Service endpoints that read, upload/replace and delete a user's\nprofile image and media. Everything in `profile-contracts` (generated types, the Prism mock, the stateful\nsandbox, the Pact contracts and the provider verification) is derived from or checked against this file.\n\n## The two rules that matter most\n- **Replace, not delete.** Posting media with `AdditionalType=ProfileImage` makes the new media the\n  *active* profile image at once. The previously active image is **not** deleted: it stays in\n  `GET /media`, unchanged and still downloadable. A user has at most one active profile image.\n- **`Person.profileImage` presence.** `Person.profileImage` holds the `identifier` of the active\n  profile-image media exactly when an active image exists; otherwise it is missing or empty (`\"\"`).\n  Consumers must treat a missing property and `\"\"` alike as \"no profile image\". The same property is in\n  the Profile Notification messages (see `webhooks`).\n\n## Current user\nEvery operation except `POST /token` needs `Authorization: Bearer <token>` and acts on the user the token\nbelongs to. Users are isolated: another user's media identifier answers `404`, exactly like an unknown one.\n\n## Errors\nEvery 4xx/5xx body is `application/problem+json` (RFC 9457) with `type`, `title`, `status` and `detail`;\n`detail` says what was wrong and how to fix it.\n",
    "contact": {
      "name": "profile-contracts maintainers"
    },
    "license": {
      "name": "UNLICENSED",
      "identifier": "UNLICENSED"
    }
  },
  "servers": [
    {
      "url": "http://127.0.0.1:4010",
      "description": "Local Prism mock (`npm run mock`) or stateful sandbox (`npm start`)"
    },
    {
      "url": "https://api.discover.swiss/test/profile",
      "description": "The real Profile Service, test environment"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "Token",
      "description": "Guest tokens, the way black-box tests get users."
    },
    {
      "name": "Person",
      "description": "The current user's profile."
    },
    {
      "name": "ProfileImage",
      "description": "The current user's active profile image."
    },
    {
      "name": "Media",
      "description": "The current user's media items (profile images are ordinary media items)."
    }
  ],
  "paths": {
    "/token": {
      "post": {
        "operationId": "createToken",
        "tags": [
          "Token"
        ],
        "summary": "Create a guest profile and a token for it",
        "description": "Creates a new guest profile (a Person with `identificationLevel: Guest`) and returns a bearer token for\nit. Parameters are query parameters, there is no request body. This is how black-box tests obtain a\nfresh, isolated user. Emits a Person `Create` notification. An unsupported or missing `grant_type`\nanswers `400`. (The real service knows further grant types, such as `refresh_token`, that are outside\nthis kit's scope.)\n",
        "security": [],
        "parameters": [
          {
            "$ref": "#/components/parameters/SubscriptionKey"
          },
          {
            "name": "grant_type",
            "in": "query",
            "required": true,
            "description": "The grant to use. Only `guest` is part of this contract.",
            "schema": {
              "type": "string",
              "enum": [
                "guest"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A token for the newly created guest profile.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                },
                "examples": {
                  "guestToken": {
                    "summary": "A guest token",
                    "value": {
                      "token": "6f1c2a9e-3b7d-4c55-9a80-1d2e3f4a5b6c",
                      "tokenType": "Bearer",
                      "expiresIn": 1796000000,
                      "expiresInDate": "2026-11-28T14:13:20Z",
                      "refreshToken": "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
                      "refreshTokenExpiresInDate": "2026-12-28T13:13:20Z"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadTokenRequest"
          }
        }
      }
    },
    "/me": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        }
      ],
      "get": {
        "operationId": "getMe",
        "tags": [
          "Person"
        ],
        "summary": "Get the current user's Person",
        "description": "Returns the current user's Person. `profileImage` is present and non-empty (the `identifier` of the\nactive profile-image media) exactly when the user has an active profile image; otherwise it is missing\nor `\"\"`. Treat both the same: \"no profile image\".\n",
        "responses": {
          "200": {
            "description": "The current user's Person.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Person"
                },
                "examples": {
                  "personWithProfileImage": {
                    "summary": "A user with an active profile image",
                    "value": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "Guest",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:05:00Z",
                      "profileImage": "7c9e6679-7425-40de-944b-e07fc1f90ae7"
                    }
                  },
                  "personWithoutProfileImage": {
                    "summary": "A user without a profile image (property missing)",
                    "value": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "Guest",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:00:00Z"
                    }
                  },
                  "personWithEmptyProfileImage": {
                    "summary": "A user without a profile image (property empty, as some builds send it)",
                    "value": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "EmailVerified",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:10:00Z",
                      "givenName": "Ada",
                      "familyName": "Muster",
                      "email": "ada.muster@example.com",
                      "preferredLanguage": "de",
                      "profileImage": ""
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      }
    },
    "/me/profileimage": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        }
      ],
      "get": {
        "operationId": "getProfileImage",
        "tags": [
          "ProfileImage"
        ],
        "summary": "Get the active profile image as Base64",
        "description": "Returns the exact bytes of the active profile image, encoded as standard Base64 (RFC 4648 section 4,\npadded, no line breaks), as `text/plain`. Answers `404` when the user has no active profile image.\n",
        "responses": {
          "200": {
            "description": "The Base64 of the active profile image's bytes.",
            "content": {
              "text/plain": {
                "schema": {
                  "$ref": "#/components/schemas/Base64"
                },
                "examples": {
                  "activeImage": {
                    "summary": "Base64 of a 1x1 PNG",
                    "value": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NoProfileImage"
          }
        }
      },
      "delete": {
        "operationId": "deleteProfileImage",
        "tags": [
          "ProfileImage"
        ],
        "summary": "Delete the active profile image",
        "description": "Removes the active profile image. Its media item is deleted (it leaves `GET /media` and\n`GET /media/{identifier}` answers `404`), `Person.profileImage` becomes missing, and **no older image is\npromoted**: the user has no active profile image afterwards. Emits exactly one Person `Update`\nnotification. With no active profile image: `404`, nothing changes, no notification.\n",
        "responses": {
          "204": {
            "description": "The active profile image was deleted; the user now has none."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NoProfileImage"
          }
        }
      }
    },
    "/media": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        }
      ],
      "get": {
        "operationId": "listMedia",
        "tags": [
          "Media"
        ],
        "summary": "List the current user's media",
        "description": "Returns all of the current user's media items, oldest first, each exactly once. Replaced profile images\nstay in this list (replace, not delete).\n",
        "responses": {
          "200": {
            "description": "The user's media items, oldest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/MediaObject"
                  }
                },
                "examples": {
                  "replacedAndActiveImage": {
                    "summary": "A replaced profile image and the active one (the newer)",
                    "value": [
                      {
                        "identifier": "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
                        "name": "old-profile.jpg",
                        "encodingFormat": "image/jpeg",
                        "contentSize": 48213,
                        "dateCreated": "2026-11-27T09:00:00Z",
                        "additionalType": "ProfileImage",
                        "contentUrl": "/media/1b4e28ba-2fa1-41d2-883f-0016d3cca427/download"
                      },
                      {
                        "identifier": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                        "name": "profile.png",
                        "encodingFormat": "image/png",
                        "contentSize": 70,
                        "dateCreated": "2026-11-28T13:05:00Z",
                        "additionalType": "ProfileImage",
                        "contentUrl": "/media/7c9e6679-7425-40de-944b-e07fc1f90ae7/download"
                      }
                    ]
                  },
                  "noMedia": {
                    "summary": "A user without media",
                    "value": []
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          }
        }
      },
      "post": {
        "operationId": "uploadMedia",
        "tags": [
          "Media"
        ],
        "summary": "Upload a media item (and set the profile image)",
        "description": "Uploads one file as a new media item of the current user. The body is `multipart/form-data` with\nexactly one part named `file` (with a filename) and, optionally, a text part `name`.\n\nThe media type is given by the `AdditionalType` query parameter (or, as the real service also takes\nit, the form field `additionalType`; when both are given they must be equal). Values are exact and\ncase-sensitive. Without one, the upload is a plain media item with no type.\n\n**Replace, not delete:** with `AdditionalType=ProfileImage` the new media becomes the active profile\nimage at once; the previously active image stays in `GET /media`, unchanged and still downloadable.\n`Person.profileImage` then holds the new identifier and exactly one Person `Update` notification is\nemitted. Media of any other type never changes the active profile image.\n\nA `ProfileImage` must be a JPEG, PNG, GIF or WebP image, judged by its magic bytes, not by the part's\ndeclared content type (`415` otherwise). Files over the upload limit (10 MiB by default) answer `413`.\nA rejected upload stores nothing, changes nothing and emits no notification.\n",
        "parameters": [
          {
            "name": "AdditionalType",
            "in": "query",
            "required": false,
            "description": "The media's type. Use the exact value `ProfileImage` to set the profile image.",
            "schema": {
              "$ref": "#/components/schemas/AdditionalType"
            },
            "examples": {
              "profileImage": {
                "summary": "Set the profile image",
                "value": "ProfileImage"
              }
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "$ref": "#/components/schemas/MediaUpload"
              },
              "encoding": {
                "file": {
                  "contentType": "image/jpeg, image/png, image/gif, image/webp, application/pdf, application/octet-stream"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The media item was created (and, for a `ProfileImage`, made the active profile image).",
            "headers": {
              "Location": {
                "description": "The new media item, `/media/{identifier}`.",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uri-reference"
                },
                "example": "/media/7c9e6679-7425-40de-944b-e07fc1f90ae7"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MediaObject"
                },
                "examples": {
                  "profileImageCreated": {
                    "summary": "A new active profile image",
                    "value": {
                      "identifier": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                      "name": "profile.png",
                      "encodingFormat": "image/png",
                      "contentSize": 70,
                      "dateCreated": "2026-11-28T13:05:00Z",
                      "additionalType": "ProfileImage",
                      "contentUrl": "/media/7c9e6679-7425-40de-944b-e07fc1f90ae7/download"
                    }
                  },
                  "untypedMediaCreated": {
                    "summary": "A plain media item without a type",
                    "value": {
                      "identifier": "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
                      "name": "notes.pdf",
                      "encodingFormat": "application/pdf",
                      "contentSize": 18422,
                      "dateCreated": "2026-11-28T13:06:00Z",
                      "contentUrl": "/media/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d/download"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadUpload"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/NotAnImage"
          }
        }
      }
    },
    "/media/{identifier}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        },
        {
          "$ref": "#/components/parameters/MediaIdentifier"
        }
      ],
      "get": {
        "operationId": "getMedia",
        "tags": [
          "Media"
        ],
        "summary": "Get one media item",
        "description": "Returns one of the current user's media items. An unknown identifier, or one that belongs to another\nuser, answers `404`.\n",
        "responses": {
          "200": {
            "description": "The media item.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MediaObject"
                },
                "examples": {
                  "profileImage": {
                    "summary": "A profile-image media item",
                    "value": {
                      "identifier": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                      "name": "profile.png",
                      "encodingFormat": "image/png",
                      "contentSize": 70,
                      "dateCreated": "2026-11-28T13:05:00Z",
                      "additionalType": "ProfileImage",
                      "contentUrl": "/media/7c9e6679-7425-40de-944b-e07fc1f90ae7/download"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/MediaNotFound"
          }
        }
      },
      "delete": {
        "operationId": "deleteMedia",
        "tags": [
          "Media"
        ],
        "summary": "Delete one media item",
        "description": "Deletes one of the current user's media items. Deleting the active profile image this way has the same\neffects as `DELETE /me/profileimage` (no older image is promoted, one Person `Update` notification);\ndeleting any other media item changes nothing else.\n",
        "responses": {
          "204": {
            "description": "The media item was deleted."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/MediaNotFound"
          }
        }
      }
    },
    "/media/{identifier}/base64": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        },
        {
          "$ref": "#/components/parameters/MediaIdentifier"
        }
      ],
      "get": {
        "operationId": "getMediaBase64",
        "tags": [
          "Media"
        ],
        "summary": "Get one media item's bytes as Base64",
        "description": "Returns the standard Base64 (RFC 4648 section 4, padded) of the media item's exact bytes.",
        "responses": {
          "200": {
            "description": "The Base64 of the media item's bytes.",
            "content": {
              "text/plain": {
                "schema": {
                  "$ref": "#/components/schemas/Base64"
                },
                "examples": {
                  "pngImage": {
                    "summary": "Base64 of a 1x1 PNG",
                    "value": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/MediaNotFound"
          }
        }
      }
    },
    "/media/{identifier}/download": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SubscriptionKey"
        },
        {
          "$ref": "#/components/parameters/MediaIdentifier"
        }
      ],
      "get": {
        "operationId": "downloadMedia",
        "tags": [
          "Media"
        ],
        "summary": "Download one media item's bytes",
        "description": "Returns the media item's exact bytes with `Content-Type` equal to its `encodingFormat`, its\n`Content-Length`, and `Content-Disposition: attachment; filename=\"...\"`.\n",
        "responses": {
          "200": {
            "description": "The media item's exact bytes.",
            "headers": {
              "Content-Disposition": {
                "description": "`attachment; filename=\"<name>\"`",
                "required": true,
                "schema": {
                  "type": "string"
                },
                "example": "attachment; filename=\"profile.png\""
              },
              "Content-Length": {
                "description": "The number of bytes.",
                "required": true,
                "schema": {
                  "type": "integer",
                  "minimum": 1
                },
                "example": 70
              }
            },
            "content": {
              "image/jpeg": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              },
              "image/png": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              },
              "image/gif": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              },
              "image/webp": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              },
              "application/pdf": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              },
              "application/octet-stream": {
                "schema": {
                  "$ref": "#/components/schemas/Binary"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/MediaNotFound"
          }
        }
      }
    }
  },
  "webhooks": {
    "profileNotification": {
      "post": {
        "operationId": "profileNotification",
        "tags": [
          "Person"
        ],
        "summary": "A Profile Notification message",
        "description": "The Profile Service emits a Profile Notification message for profile changes (on a message queue in the\nreal service; the sandbox started with `NOTIFY_WEBHOOK_URL=<url>` POSTs each message there, in order per\nprofile, retrying failed deliveries with backoff, at least once).\n\nWhenever the active profile image is set, replaced or removed, exactly one message with\n`entityName: Person`, `eventTrigger: Update` is emitted; its `body` is the Person exactly as `GET /me`\nreturns it right after the change (so `profileImage` is the new identifier, or missing after removal).\nCreating a guest emits `eventTrigger: Create`. Other media changes emit no Person message. Each message\nhas a unique `messageId`, so a subscriber can drop duplicates.\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ProfileNotification"
              },
              "examples": {
                "profileImageSet": {
                  "summary": "The profile image was set or replaced",
                  "value": {
                    "properties": {
                      "messageId": "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
                      "entityName": "Person",
                      "eventTrigger": "Update",
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identifier": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c"
                    },
                    "body": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "Guest",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:05:00Z",
                      "profileImage": "7c9e6679-7425-40de-944b-e07fc1f90ae7"
                    }
                  }
                },
                "profileImageRemoved": {
                  "summary": "The profile image was removed",
                  "value": {
                    "properties": {
                      "messageId": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                      "entityName": "Person",
                      "eventTrigger": "Update",
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identifier": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c"
                    },
                    "body": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "Guest",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:07:00Z"
                    }
                  }
                },
                "guestCreated": {
                  "summary": "A guest profile was created",
                  "value": {
                    "properties": {
                      "messageId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
                      "entityName": "Person",
                      "eventTrigger": "Create",
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identifier": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c"
                    },
                    "body": {
                      "profileId": "3f2b8c1e-5d4a-4e6f-9b7c-0a1d2e3f4b5c",
                      "identificationLevel": "Guest",
                      "createdDateTime": "2026-11-28T13:00:00Z",
                      "lastModified": "2026-11-28T13:00:00Z"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The subscriber accepted the message. Any 2xx acknowledges; anything else is retried."
          },
          "204": {
            "description": "The subscriber accepted the message (no body)."
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "`Authorization: Bearer <token>`, a token from `POST /token?grant_type=guest`. A missing, malformed or\nunknown token answers `401` with `WWW-Authenticate: Bearer`.\n"
      }
    },
    "parameters": {
      "SubscriptionKey": {
        "name": "Ocp-Apim-Subscription-Key",
        "in": "header",
        "required": false,
        "description": "The API subscription key the real service's gateway takes. The sandbox and mock ignore it.",
        "schema": {
          "type": "string"
        }
      },
      "MediaIdentifier": {
        "name": "identifier",
        "in": "path",
        "required": true,
        "description": "The media item's `identifier`. Another user's identifier answers `404`, like an unknown one.",
        "schema": {
          "type": "string",
          "minLength": 1
        },
        "example": "7c9e6679-7425-40de-944b-e07fc1f90ae7"
      }
    },
    "headers": {
      "WWWAuthenticate": {
        "description": "The authentication scheme to use, `Bearer`.",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^Bearer"
        },
        "example": "Bearer"
      }
    },
    "schemas": {
      "TokenResponse": {
        "type": "object",
        "description": "A bearer token for a profile.",
        "required": [
          "token",
          "tokenType",
          "expiresIn"
        ],
        "properties": {
          "token": {
            "type": "string",
            "minLength": 1,
            "description": "The bearer token, sent as `Authorization: Bearer <token>`."
          },
          "tokenType": {
            "type": "string",
            "const": "Bearer"
          },
          "expiresIn": {
            "type": "integer",
            "description": "When the token expires, as a Unix epoch in seconds."
          },
          "expiresInDate": {
            "type": "string",
            "format": "date-time"
          },
          "refreshToken": {
            "type": "string"
          },
          "refreshTokenExpiresInDate": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "IdentificationLevel": {
        "type": "string",
        "enum": [
          "Guest",
          "EmailNotVerified",
          "EmailVerified"
        ]
      },
      "Person": {
        "type": "object",
        "description": "The current user's profile. Further properties may be present; consumers ignore what they do not know.\n",
        "required": [
          "profileId",
          "identificationLevel",
          "createdDateTime",
          "lastModified"
        ],
        "properties": {
          "profileId": {
            "type": "string",
            "minLength": 1
          },
          "identificationLevel": {
            "$ref": "#/components/schemas/IdentificationLevel"
          },
          "createdDateTime": {
            "type": "string",
            "format": "date-time"
          },
          "lastModified": {
            "type": "string",
            "format": "date-time"
          },
          "givenName": {
            "type": "string"
          },
          "familyName": {
            "type": "string"
          },
          "displayName": {
            "type": "string"
          },
          "email": {
            "type": "string",
            "format": "email"
          },
          "preferredLanguage": {
            "type": "string"
          },
          "profileImage": {
            "type": "string",
            "description": "The `identifier` of the active profile-image media. Present and non-empty exactly when the user has\nan active profile image; missing or `\"\"` when there is none (treat both as \"no profile image\").\nDeliberately not required and without `minLength`, so that both forms of \"none\" are valid.\n"
          }
        }
      },
      "AdditionalType": {
        "type": "string",
        "description": "The media's type, exact and case-sensitive. `ProfileImage` sets the active profile image; every other\nvalue is an ordinary media item that never changes it.\n",
        "enum": [
          "ProfileImage",
          "TravelerProfileImage",
          "SupportingDocument",
          "Scan",
          "Document",
          "PasswordImage"
        ]
      },
      "MediaObject": {
        "type": "object",
        "description": "One media item of the current user.",
        "required": [
          "identifier",
          "encodingFormat",
          "contentSize",
          "dateCreated",
          "name"
        ],
        "properties": {
          "identifier": {
            "type": "string",
            "minLength": 1
          },
          "name": {
            "type": "string",
            "description": "The media's name; the uploaded file's name unless a `name` part was given."
          },
          "encodingFormat": {
            "type": "string",
            "description": "The MIME type, determined from the content.",
            "examples": [
              "image/png"
            ]
          },
          "contentSize": {
            "type": "integer",
            "minimum": 1,
            "description": "The size in bytes."
          },
          "dateCreated": {
            "type": "string",
            "format": "date-time"
          },
          "additionalType": {
            "$ref": "#/components/schemas/AdditionalType"
          },
          "contentUrl": {
            "type": "string",
            "format": "uri-reference",
            "description": "Link to `/media/{identifier}/download`."
          },
          "downloadUrl": {
            "type": "string",
            "format": "uri-reference",
            "description": "Link to `/media/{identifier}/download`."
          }
        }
      },
      "MediaUpload": {
        "type": "object",
        "description": "The multipart body of `POST /media`.",
        "required": [
          "file"
        ],
        "properties": {
          "file": {
            "type": "string",
            "format": "binary",
            "contentMediaType": "application/octet-stream",
            "description": "The file's bytes, in exactly one part named `file`, with a filename. Must not be empty."
          },
          "name": {
            "type": "string",
            "description": "The media's name; defaults to the file's name."
          },
          "additionalType": {
            "$ref": "#/components/schemas/AdditionalType"
          }
        }
      },
      "Base64": {
        "type": "string",
        "description": "Standard Base64 (RFC 4648 section 4), padded, no line breaks.",
        "contentEncoding": "base64",
        "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
      },
      "Binary": {
        "type": "string",
        "format": "binary",
        "description": "The exact bytes."
      },
      "Problem": {
        "type": "object",
        "description": "An RFC 9457 problem. `detail` says what was wrong and how to fix it.",
        "required": [
          "type",
          "title",
          "status",
          "detail"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "Identifies the kind of problem."
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string",
            "format": "uri-reference"
          }
        }
      },
      "ProfileNotificationProperties": {
        "type": "object",
        "description": "The message properties of a Profile Notification.",
        "required": [
          "messageId",
          "entityName",
          "eventTrigger",
          "profileId",
          "identifier"
        ],
        "properties": {
          "messageId": {
            "type": "string",
            "minLength": 1,
            "description": "Unique per message; subscribers drop duplicates by it."
          },
          "entityName": {
            "type": "string",
            "examples": [
              "Person"
            ]
          },
          "eventTrigger": {
            "type": "string",
            "enum": [
              "Create",
              "Update",
              "Delete"
            ]
          },
          "profileId": {
            "type": "string",
            "minLength": 1
          },
          "identifier": {
            "type": "string",
            "minLength": 1,
            "description": "The changed entity's identifier (for a Person, its `profileId`)."
          }
        }
      },
      "ProfileNotification": {
        "type": "object",
        "description": "A Profile Notification message: its `properties`, and its `body`, the full entity in the public API's\nmodel. For `entityName: Person` the body is the Person as `GET /me` returns it right after the change.\n",
        "required": [
          "properties",
          "body"
        ],
        "properties": {
          "properties": {
            "$ref": "#/components/schemas/ProfileNotificationProperties"
          },
          "body": {
            "$ref": "#/components/schemas/Person"
          }
        }
      }
    },
    "responses": {
      "Unauthorized": {
        "description": "The bearer token is missing, malformed or unknown.",
        "headers": {
          "WWW-Authenticate": {
            "$ref": "#/components/headers/WWWAuthenticate"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "missingToken": {
                "summary": "No or an unknown bearer token",
                "value": {
                  "type": "urn:profile-contracts:problem:unauthorized",
                  "title": "Unauthorized",
                  "status": 401,
                  "detail": "Send a valid token as `Authorization: Bearer <token>`; get one from POST /token?grant_type=guest."
                }
              }
            }
          }
        }
      },
      "BadTokenRequest": {
        "description": "The `grant_type` is missing or not supported.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "unsupportedGrantType": {
                "summary": "Missing or unsupported grant_type",
                "value": {
                  "type": "urn:profile-contracts:problem:unsupported-grant-type",
                  "title": "Unsupported grant type",
                  "status": 400,
                  "detail": "grant_type must be one of: guest. Use POST /token?grant_type=guest."
                }
              }
            }
          }
        }
      },
      "BadUpload": {
        "description": "The upload is malformed (no, or more than one, `file` part; an empty file; a malformed multipart body; an unknown or conflicting `AdditionalType`).",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "missingFile": {
                "summary": "No `file` part",
                "value": {
                  "type": "urn:profile-contracts:problem:missing-file",
                  "title": "Missing file part",
                  "status": 400,
                  "detail": "The multipart body has no part named \"file\". Send the image as -F file=@/path/to/image.jpg."
                }
              },
              "multipleFiles": {
                "summary": "More than one `file` part",
                "value": {
                  "type": "urn:profile-contracts:problem:multiple-files",
                  "title": "More than one file part",
                  "status": 400,
                  "detail": "The multipart body has 2 parts named \"file\"; send exactly one."
                }
              },
              "emptyFile": {
                "summary": "An empty file",
                "value": {
                  "type": "urn:profile-contracts:problem:empty-file",
                  "title": "Empty file",
                  "status": 400,
                  "detail": "The \"file\" part is empty (0 bytes); send the file's contents."
                }
              },
              "unknownAdditionalType": {
                "summary": "An unknown AdditionalType",
                "value": {
                  "type": "urn:profile-contracts:problem:unknown-additional-type",
                  "title": "Unknown AdditionalType",
                  "status": 400,
                  "detail": "AdditionalType \"profileimage\" is not known. Allowed (exact, case-sensitive): ProfileImage, TravelerProfileImage, SupportingDocument, Scan, Document, PasswordImage."
                }
              },
              "conflictingAdditionalType": {
                "summary": "Query and form field disagree",
                "value": {
                  "type": "urn:profile-contracts:problem:conflicting-additional-type",
                  "title": "Conflicting AdditionalType",
                  "status": 400,
                  "detail": "The query parameter AdditionalType=ProfileImage and the form field additionalType=Scan differ; give one, or make them equal."
                }
              },
              "malformedMultipart": {
                "summary": "A malformed multipart body",
                "value": {
                  "type": "urn:profile-contracts:problem:malformed-multipart",
                  "title": "Malformed multipart body",
                  "status": 400,
                  "detail": "The body is not valid multipart/form-data (missing or wrong boundary). Send it as multipart/form-data with a \"file\" part."
                }
              }
            }
          }
        }
      },
      "NoProfileImage": {
        "description": "The user has no active profile image.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "noProfileImage": {
                "summary": "No active profile image",
                "value": {
                  "type": "urn:profile-contracts:problem:no-profile-image",
                  "title": "No profile image",
                  "status": 404,
                  "detail": "The current user has no active profile image. Upload one with POST /media?AdditionalType=ProfileImage."
                }
              }
            }
          }
        }
      },
      "MediaNotFound": {
        "description": "No media item with this identifier belongs to the current user.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "mediaNotFound": {
                "summary": "Unknown (or another user's) media identifier",
                "value": {
                  "type": "urn:profile-contracts:problem:media-not-found",
                  "title": "Media not found",
                  "status": 404,
                  "detail": "The current user has no media item \"0d1e2f3a\". List the user's media with GET /media."
                }
              }
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The file is larger than the upload limit.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "fileTooLarge": {
                "summary": "Over the upload limit",
                "value": {
                  "type": "urn:profile-contracts:problem:file-too-large",
                  "title": "File too large",
                  "status": 413,
                  "detail": "The file is larger than the upload limit of 10485760 bytes; send a smaller file."
                }
              }
            }
          }
        }
      },
      "NotAnImage": {
        "description": "A `ProfileImage` whose bytes are not a JPEG, PNG, GIF or WebP image.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "notAnImage": {
                "summary": "The profile image is not an image",
                "value": {
                  "type": "urn:profile-contracts:problem:not-an-image",
                  "title": "Profile image is not an image",
                  "status": 415,
                  "detail": "A ProfileImage must be a JPEG, PNG, GIF or WebP image (judged by its content, not its declared type); the file's bytes are none of these."
                }
              }
            }
          }
        }
      }
    }
  }
};
