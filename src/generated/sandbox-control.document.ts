/**
 * generated, do not edit.
 * Source: openapi/sandbox-control.yaml, as plain data. Regenerate with `npm run generate`;
 * the tests fail when this file and the spec disagree.
 */

export const controlDocument: Readonly<Record<string, any>> = {
  "openapi": "3.1.0",
  "info": {
    "title": "profile-contracts sandbox — control API",
    "version": "1.0.0",
    "summary": "The sandbox's own routes under /_sandbox/, kept apart from the public Profile Service spec.",
    "description": "These routes exist only in the kit's stateful sandbox (`npm start`), never in the real Profile Service,\nso they live in this document and not in `openapi/profile-service.yaml` (CONTRACT.md §8). They let a\nconsumer team start from a known state, look at it, and make the sandbox fail on purpose:\n\n- **State**: `GET /_sandbox/state` saves everything (users, tokens, media bytes as Base64) and\n  `PUT /_sandbox/state` restores such a snapshot; `POST /_sandbox/reset` forgets everything. A seed file\n  (`SANDBOX_SEED`, see `Seed`) loads a state when the sandbox starts.\n- **Scripted failures**: `POST /_sandbox/failures` makes the next N requests of one public operation answer a\n  chosen status, answer late, or have their connection dropped.\n- **Notification delivery**: `PUT /_sandbox/delivery` pauses webhook delivery or makes the next deliveries\n  count as failed, so a subscriber's handling of late and repeated messages can be tested.\n- **Looking**: `GET /_sandbox/` is a page showing users, media, the active images and the notification log.\n\nNone of these routes needs a token. Errors are `application/problem+json` like the public API's.\nBeyond the public spec the sandbox may also answer `POST /media` with **507** (`urn:profile-contracts:problem:store-full`\nor `…:too-many-media`) when its store limits are reached; see docs/consumers.md.\n",
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
      "description": "The stateful sandbox (`npm start`)"
    }
  ],
  "tags": [
    {
      "name": "State",
      "description": "Saving, restoring and resetting what the sandbox holds."
    },
    {
      "name": "Failures",
      "description": "Failures on purpose, for testing a client's error handling."
    },
    {
      "name": "Notifications",
      "description": "The Profile Notification log and its webhook delivery."
    },
    {
      "name": "Page",
      "description": "The page that shows the sandbox's state, and what it reads."
    }
  ],
  "paths": {
    "/_sandbox/": {
      "get": {
        "operationId": "getSandboxPage",
        "tags": [
          "Page"
        ],
        "security": [],
        "description": "A self-contained HTML page (no build step) that shows the users, their media with thumbnails, which image is active, and the notification log; it polls `GET /_sandbox/users` and `GET /_sandbox/notifications` to stay current.",
        "responses": {
          "200": {
            "description": "The page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/_sandbox/health": {
      "get": {
        "operationId": "getSandboxHealth",
        "tags": [
          "State"
        ],
        "security": [],
        "description": "Answers 200 once the sandbox serves requests.",
        "responses": {
          "200": {
            "description": "The sandbox is up.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                },
                "examples": {
                  "ok": {
                    "summary": "Up",
                    "value": {
                      "status": "ok"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/_sandbox/reset": {
      "post": {
        "operationId": "resetSandbox",
        "tags": [
          "State"
        ],
        "security": [],
        "description": "Forgets every user, token and media item, the notification log and pending webhook deliveries, and every scripted failure. The delivery switches (`PUT /_sandbox/delivery`) are set back to normal.",
        "responses": {
          "204": {
            "description": "The sandbox is empty."
          }
        }
      }
    },
    "/_sandbox/state": {
      "get": {
        "operationId": "getSandboxState",
        "tags": [
          "State"
        ],
        "security": [],
        "description": "A snapshot of everything the sandbox holds, media bytes included (Base64), in the format `PUT /_sandbox/state` and `SANDBOX_SEED` read back.",
        "responses": {
          "200": {
            "description": "The snapshot.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SandboxState"
                },
                "examples": {
                  "oneUser": {
                    "$ref": "#/components/examples/OneUserState"
                  }
                }
              }
            }
          }
        }
      },
      "put": {
        "operationId": "putSandboxState",
        "tags": [
          "State"
        ],
        "security": [],
        "description": "Replaces everything the sandbox holds with the snapshot, as `POST /_sandbox/reset` followed by loading it; no notifications are emitted and the log starts empty. A snapshot that is not valid (its detail names the field and what is allowed) or that does not fit under `MAX_STORE_BYTES` changes nothing.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SandboxState"
              },
              "examples": {
                "oneUser": {
                  "$ref": "#/components/examples/OneUserState"
                }
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "The snapshot is now the sandbox's state."
          },
          "400": {
            "$ref": "#/components/responses/InvalidState"
          },
          "507": {
            "$ref": "#/components/responses/StoreFull"
          }
        }
      }
    },
    "/_sandbox/users": {
      "get": {
        "operationId": "listSandboxUsers",
        "tags": [
          "Page"
        ],
        "security": [],
        "description": "Every user with their tokens and media (without bytes), oldest first; what the page shows.",
        "responses": {
          "200": {
            "description": "The users.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/UserSummary"
                  }
                },
                "examples": {
                  "oneUser": {
                    "summary": "One user with an active image",
                    "value": [
                      {
                        "profileId": "3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f",
                        "tokens": [
                          "alice-token"
                        ],
                        "identificationLevel": "Guest",
                        "createdDateTime": "2026-01-01T00:00:00.000Z",
                        "lastModified": "2026-01-01T00:00:00.000Z",
                        "activeImage": "avatar-1",
                        "bytes": 67,
                        "media": [
                          {
                            "identifier": "avatar-1",
                            "name": "avatar.png",
                            "encodingFormat": "image/png",
                            "contentSize": 67,
                            "dateCreated": "2026-01-01T00:00:00.000Z",
                            "additionalType": "ProfileImage"
                          }
                        ]
                      }
                    ]
                  }
                }
              }
            }
          }
        }
      }
    },
    "/_sandbox/users/{profileId}/media/{identifier}": {
      "parameters": [
        {
          "name": "profileId",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        },
        {
          "name": "identifier",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        }
      ],
      "get": {
        "operationId": "getSandboxMediaBytes",
        "tags": [
          "Page"
        ],
        "security": [],
        "description": "The exact bytes of one user's media item, for the page's thumbnails. It is not a public operation, so scripted failures and `Prefer` never apply to it.",
        "responses": {
          "200": {
            "description": "The bytes, with `Content-Type` set to the item's `encodingFormat`.",
            "content": {
              "application/octet-stream": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "application/octet-stream"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/_sandbox/notifications": {
      "get": {
        "operationId": "listSandboxNotifications",
        "tags": [
          "Notifications"
        ],
        "security": [],
        "description": "The Profile Notification log since the last reset, oldest first; with `profileId`, only that profile's messages.",
        "parameters": [
          {
            "name": "profileId",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The messages.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Notification"
                  }
                },
                "examples": {
                  "created": {
                    "summary": "A guest was created",
                    "value": [
                      {
                        "properties": {
                          "messageId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "entityName": "Person",
                          "eventTrigger": "Create",
                          "profileId": "3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f",
                          "identifier": "3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f"
                        },
                        "body": {
                          "profileId": "3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f",
                          "identificationLevel": "Guest",
                          "createdDateTime": "2026-01-01T00:00:00.000Z",
                          "lastModified": "2026-01-01T00:00:00.000Z"
                        }
                      }
                    ]
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidControlRequest"
          }
        }
      }
    },
    "/_sandbox/failures": {
      "get": {
        "operationId": "listScriptedFailures",
        "tags": [
          "Failures"
        ],
        "security": [],
        "description": "The scripted failures that still have requests to answer, in the order they were added.",
        "responses": {
          "200": {
            "description": "The pending failures.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/ScriptedFailure"
                  }
                },
                "examples": {
                  "oneFault": {
                    "summary": "Two more GET /me answer 503",
                    "value": [
                      {
                        "id": 1,
                        "operationId": "getMe",
                        "remaining": 2,
                        "status": 503
                      }
                    ]
                  }
                }
              }
            }
          }
        }
      },
      "post": {
        "operationId": "addScriptedFailure",
        "tags": [
          "Failures"
        ],
        "security": [],
        "description": "The next `count` requests of the public operation `operationId` (after every failure added before it for\nthat operation is used up) get the failure: wait `delayMs`, then either drop the connection without an\nanswer (`drop: true`), answer `status` with a problem body and change nothing, or, with only a delay,\nbe served normally. Failures are sandbox-wide (they count requests from every client), apply before\nauthentication, and are forgotten by `POST /_sandbox/reset` and `DELETE /_sandbox/failures`.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ScriptedFailureRequest"
              },
              "examples": {
                "serviceUnavailable": {
                  "summary": "The next three GET /me answer 503",
                  "value": {
                    "operationId": "getMe",
                    "count": 3,
                    "status": 503
                  }
                },
                "dropUpload": {
                  "summary": "The next upload loses its connection after 2 s",
                  "value": {
                    "operationId": "uploadMedia",
                    "delayMs": 2000,
                    "drop": true
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The failure is scheduled.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScriptedFailure"
                },
                "examples": {
                  "serviceUnavailable": {
                    "summary": "Three GET /me will answer 503",
                    "value": {
                      "id": 1,
                      "operationId": "getMe",
                      "remaining": 3,
                      "status": 503
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidControlRequest"
          }
        }
      },
      "delete": {
        "operationId": "clearScriptedFailures",
        "tags": [
          "Failures"
        ],
        "security": [],
        "description": "Forgets every scripted failure.",
        "responses": {
          "204": {
            "description": "No failure is scheduled."
          }
        }
      }
    },
    "/_sandbox/delivery": {
      "get": {
        "operationId": "getDelivery",
        "tags": [
          "Notifications"
        ],
        "security": [],
        "description": "How webhook delivery of Profile Notifications behaves now.",
        "responses": {
          "200": {
            "description": "The delivery switches and the number of messages waiting.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeliveryState"
                },
                "examples": {
                  "normal": {
                    "summary": "Delivering normally",
                    "value": {
                      "paused": false,
                      "failNext": 0,
                      "pending": 0
                    }
                  }
                }
              }
            }
          }
        }
      },
      "put": {
        "operationId": "putDelivery",
        "tags": [
          "Notifications"
        ],
        "security": [],
        "description": "`paused: true` holds every webhook delivery (messages queue up, in order); `paused: false` sends what\nwaited. `failNext: N` makes the next N delivery attempts count as failed whatever the subscriber answers:\neach is really sent, then retried with the usual backoff, so the subscriber receives the same message\n(same `messageId`) again, as an at-least-once queue can deliver it. Fields left out keep their value.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeliveryControl"
              },
              "examples": {
                "pause": {
                  "summary": "Hold deliveries",
                  "value": {
                    "paused": true
                  }
                },
                "duplicate": {
                  "summary": "Deliver the next message twice",
                  "value": {
                    "failNext": 1
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The delivery switches now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeliveryState"
                },
                "examples": {
                  "paused": {
                    "summary": "Paused, two messages waiting",
                    "value": {
                      "paused": true,
                      "failNext": 0,
                      "pending": 2
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidControlRequest"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ok"
          }
        }
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
            "type": "string"
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
          }
        }
      },
      "SandboxState": {
        "type": "object",
        "description": "Everything the sandbox holds. `GET /_sandbox/state` writes it; `PUT /_sandbox/state` and `SANDBOX_SEED` read it.",
        "required": [
          "format",
          "version",
          "users"
        ],
        "additionalProperties": false,
        "properties": {
          "format": {
            "type": "string",
            "const": "profile-contracts/sandbox-state"
          },
          "version": {
            "type": "integer",
            "const": 1
          },
          "users": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/StateUser"
            }
          }
        }
      },
      "StateUser": {
        "type": "object",
        "required": [
          "profileId",
          "tokens",
          "identificationLevel",
          "createdDateTime",
          "lastModified",
          "media"
        ],
        "additionalProperties": false,
        "properties": {
          "profileId": {
            "type": "string",
            "minLength": 1
          },
          "tokens": {
            "type": "array",
            "description": "Bearer tokens that act as this user (unique across users).",
            "items": {
              "$ref": "#/components/schemas/Token"
            }
          },
          "identificationLevel": {
            "type": "string",
            "enum": [
              "Guest",
              "EmailNotVerified",
              "EmailVerified"
            ]
          },
          "createdDateTime": {
            "type": "string",
            "format": "date-time"
          },
          "lastModified": {
            "type": "string",
            "format": "date-time"
          },
          "activeImage": {
            "type": "string",
            "description": "The identifier of the active profile image (a ProfileImage among `media`); absent when none."
          },
          "media": {
            "type": "array",
            "description": "Oldest first.",
            "items": {
              "$ref": "#/components/schemas/StateMedia"
            }
          }
        }
      },
      "StateMedia": {
        "type": "object",
        "required": [
          "identifier",
          "name",
          "encodingFormat",
          "contentSize",
          "dateCreated",
          "base64"
        ],
        "additionalProperties": false,
        "properties": {
          "identifier": {
            "type": "string",
            "minLength": 1
          },
          "name": {
            "type": "string",
            "minLength": 1
          },
          "encodingFormat": {
            "type": "string",
            "description": "Must be what the sandbox reads from the bytes (image/png, image/jpeg, image/gif, image/webp, application/pdf or application/octet-stream)."
          },
          "contentSize": {
            "type": "integer",
            "minimum": 1,
            "description": "Must equal the number of bytes."
          },
          "dateCreated": {
            "type": "string",
            "format": "date-time"
          },
          "additionalType": {
            "type": "string",
            "description": "One of the public spec's AdditionalType values."
          },
          "base64": {
            "type": "string",
            "description": "The bytes, standard Base64 (RFC 4648 §4) with padding.",
            "contentEncoding": "base64"
          }
        }
      },
      "Token": {
        "type": "string",
        "description": "A bearer token as `Authorization: Bearer <token>` carries it (RFC 6750 token68 characters).",
        "pattern": "^[A-Za-z0-9\\-._~+/]+=*$",
        "maxLength": 512
      },
      "Seed": {
        "type": "object",
        "description": "The file `SANDBOX_SEED` names (YAML or JSON), loaded when the sandbox starts, and the `seed` of the\nMSW handlers (`createProfileServiceHandlers`); a saved `SandboxState` is accepted as well. Each media\nitem gives its bytes either as a `file` (relative to the seed file's folder; the sandbox only) or\ninline as `base64` (everywhere). Media are stored in the order given; the one marked `active: true`\n(at most one per user, a ProfileImage that is an image) is the active profile image. A seed emits no\nnotifications.\n",
        "required": [
          "users"
        ],
        "additionalProperties": false,
        "properties": {
          "users": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SeedUser"
            }
          }
        }
      },
      "SeedUser": {
        "type": "object",
        "required": [
          "token"
        ],
        "additionalProperties": false,
        "properties": {
          "token": {
            "$ref": "#/components/schemas/Token"
          },
          "profileId": {
            "type": "string",
            "minLength": 1,
            "description": "Default a new UUID."
          },
          "identificationLevel": {
            "type": "string",
            "enum": [
              "Guest",
              "EmailNotVerified",
              "EmailVerified"
            ],
            "default": "Guest"
          },
          "media": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SeedMedia"
            }
          }
        }
      },
      "SeedMedia": {
        "type": "object",
        "description": "Exactly one of `file` and `base64` gives the bytes.",
        "additionalProperties": false,
        "properties": {
          "file": {
            "type": "string",
            "minLength": 1,
            "description": "Path of the file, relative to the seed file's folder (SANDBOX_SEED only; a browser has no files)."
          },
          "base64": {
            "type": "string",
            "minLength": 1,
            "description": "The bytes inline, as standard Base64 (RFC 4648 section 4, padded, no line breaks)."
          },
          "identifier": {
            "type": "string",
            "minLength": 1,
            "description": "Default a new UUID."
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "description": "Default the file's name; required with `base64`."
          },
          "additionalType": {
            "type": "string",
            "description": "One of the public spec's AdditionalType values."
          },
          "active": {
            "type": "boolean",
            "default": false
          }
        }
      },
      "UserSummary": {
        "type": "object",
        "required": [
          "profileId",
          "tokens",
          "identificationLevel",
          "createdDateTime",
          "lastModified",
          "bytes",
          "media"
        ],
        "properties": {
          "profileId": {
            "type": "string"
          },
          "tokens": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "identificationLevel": {
            "type": "string"
          },
          "createdDateTime": {
            "type": "string",
            "format": "date-time"
          },
          "lastModified": {
            "type": "string",
            "format": "date-time"
          },
          "activeImage": {
            "type": "string"
          },
          "bytes": {
            "type": "integer",
            "description": "Bytes of this user's media."
          },
          "media": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/MediaSummary"
            }
          }
        }
      },
      "MediaSummary": {
        "type": "object",
        "required": [
          "identifier",
          "name",
          "encodingFormat",
          "contentSize",
          "dateCreated"
        ],
        "properties": {
          "identifier": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "encodingFormat": {
            "type": "string"
          },
          "contentSize": {
            "type": "integer"
          },
          "dateCreated": {
            "type": "string",
            "format": "date-time"
          },
          "additionalType": {
            "type": "string"
          }
        }
      },
      "Notification": {
        "type": "object",
        "description": "A Profile Notification as the public spec's webhook describes it.",
        "required": [
          "properties",
          "body"
        ],
        "properties": {
          "properties": {
            "type": "object",
            "required": [
              "messageId",
              "entityName",
              "eventTrigger",
              "profileId",
              "identifier"
            ],
            "properties": {
              "messageId": {
                "type": "string"
              },
              "entityName": {
                "type": "string"
              },
              "eventTrigger": {
                "type": "string"
              },
              "profileId": {
                "type": "string"
              },
              "identifier": {
                "type": "string"
              }
            }
          },
          "body": {
            "type": "object",
            "additionalProperties": true
          }
        }
      },
      "ScriptedFailureRequest": {
        "type": "object",
        "required": [
          "operationId"
        ],
        "additionalProperties": false,
        "description": "At least one of `status`, `delayMs` and `drop`; `status` and `drop` exclude each other.",
        "properties": {
          "operationId": {
            "type": "string",
            "description": "The public spec's operationId, e.g. getMe, uploadMedia, downloadMedia."
          },
          "count": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000,
            "default": 1
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
            "description": "Any 4xx/5xx, declared in the public spec or not (e.g. 500, 502, 503)."
          },
          "delayMs": {
            "type": "integer",
            "minimum": 0,
            "maximum": 60000
          },
          "drop": {
            "type": "boolean",
            "description": "Close the connection without an answer."
          }
        }
      },
      "ScriptedFailure": {
        "type": "object",
        "required": [
          "id",
          "operationId",
          "remaining"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "operationId": {
            "type": "string"
          },
          "remaining": {
            "type": "integer",
            "description": "Requests this failure will still answer."
          },
          "status": {
            "type": "integer"
          },
          "delayMs": {
            "type": "integer"
          },
          "drop": {
            "type": "boolean"
          }
        }
      },
      "DeliveryControl": {
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "paused": {
            "type": "boolean"
          },
          "failNext": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000
          }
        }
      },
      "DeliveryState": {
        "type": "object",
        "required": [
          "paused",
          "failNext",
          "pending"
        ],
        "properties": {
          "paused": {
            "type": "boolean"
          },
          "failNext": {
            "type": "integer",
            "description": "Delivery attempts that will still count as failed."
          },
          "pending": {
            "type": "integer",
            "description": "Messages waiting for delivery."
          }
        }
      }
    },
    "examples": {
      "OneUserState": {
        "summary": "One guest with an active 1x1 PNG",
        "value": {
          "format": "profile-contracts/sandbox-state",
          "version": 1,
          "users": [
            {
              "profileId": "3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f",
              "tokens": [
                "alice-token"
              ],
              "identificationLevel": "Guest",
              "createdDateTime": "2026-01-01T00:00:00.000Z",
              "lastModified": "2026-01-01T00:00:00.000Z",
              "activeImage": "avatar-1",
              "media": [
                {
                  "identifier": "avatar-1",
                  "name": "avatar.png",
                  "encodingFormat": "image/png",
                  "contentSize": 67,
                  "dateCreated": "2026-01-01T00:00:00.000Z",
                  "additionalType": "ProfileImage",
                  "base64": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
                }
              ]
            }
          ]
        }
      }
    },
    "responses": {
      "InvalidState": {
        "description": "The snapshot is not valid; the detail names the field and what is allowed.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "badLevel": {
                "summary": "An unknown identification level",
                "value": {
                  "type": "urn:profile-contracts:problem:invalid-state",
                  "title": "Invalid state document",
                  "status": 400,
                  "detail": "users[0].identificationLevel is \"Admin\"; allowed: Guest, EmailNotVerified, EmailVerified."
                }
              }
            }
          }
        }
      },
      "InvalidControlRequest": {
        "description": "The request to a control route is not valid; the detail names the field and what is allowed.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "unknownOperation": {
                "summary": "An operationId the public spec does not have",
                "value": {
                  "type": "urn:profile-contracts:problem:invalid-control-request",
                  "title": "Invalid control request",
                  "status": 400,
                  "detail": "operationId \"getMedias\" is not an operation of the public spec; allowed: createToken, getMe, …"
                }
              }
            }
          }
        }
      },
      "StoreFull": {
        "description": "The snapshot's media bytes do not fit under MAX_STORE_BYTES; nothing was changed.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "storeFull": {
                "summary": "Over the store limit",
                "value": {
                  "type": "urn:profile-contracts:problem:store-full",
                  "title": "Sandbox store full",
                  "status": 507,
                  "detail": "Storing these 1048576 bytes would take the sandbox past its store limit of 524288 bytes (0 bytes are stored now); nothing was stored and nothing already stored was lost. Delete media, reset the sandbox (POST /_sandbox/reset) or start it with a larger MAX_STORE_BYTES."
                }
              }
            }
          }
        }
      },
      "NotFound": {
        "description": "No such user or media item.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "notFound": {
                "summary": "Unknown user or media item",
                "value": {
                  "type": "urn:profile-contracts:problem:media-not-found",
                  "title": "Media not found",
                  "status": 404,
                  "detail": "The sandbox has no media item \"avatar-9\" of user \"3f0c9a56-0d4e-4a43-9f57-8b2a1c2d3e4f\". List them with GET /_sandbox/users."
                }
              }
            }
          }
        }
      }
    }
  }
};
