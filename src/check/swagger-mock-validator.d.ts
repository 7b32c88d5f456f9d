// Types for the part of @pactflow/swagger-mock-validator's programmatic API the drift gate uses
// (the package ships JavaScript only).
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationResultItem {
    code: string;
    message: string;
    type: 'error' | 'warning';
    source: string;
    mockDetails?: { interactionDescription?: string; interactionState?: string; location?: string; mockFile?: string; value?: unknown };
    specDetails?: { location?: string; pathMethod?: string | null; pathName?: string | null; specFile?: string; value?: unknown };
  }
  export interface ValidationOutcome {
    success: boolean;
    errors: ValidationResultItem[];
    warnings: ValidationResultItem[];
  }
  export interface ValidateOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    additionalPropertiesInResponse?: string;
    requiredPropertiesInResponse?: string;
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: ValidateOptions): Promise<ValidationOutcome> };
  };
}
