/**
 * generated, do not edit.
 * Source: openapi/sandbox-control.yaml (components.schemas), as plain data. Regenerate with `npm run generate`;
 * the tests fail when this file and the spec disagree.
 */

export const controlDocument: Readonly<Record<string, any>> = {
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
    }
  }
};
