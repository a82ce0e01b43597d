// The schema file names under schemas/ and the objects they hold: the strict schemas (what our checks and
// other tools validate with) and, under schemas/editor/, their assist variants for VS Code's jsonValidation.
import { baselineSchema, deviceSecurityGroupSchema } from './baseline-schema';
import { profileSchema } from './profile-schema';
import { editorAssistSchema } from './editor-assist';

export function schemaFiles(): Record<string, Record<string, unknown>> {
  return {
    'baseline.schema.json': baselineSchema(),
    'device-security-group.schema.json': deviceSecurityGroupSchema(),
    'profile.schema.json': profileSchema(),
  };
}

/** The strict schemas that package.json's jsonValidation contributes, as assist variants (see editor-assist.ts). */
export const EDITOR_SCHEMAS = ['baseline.schema.json', 'profile.schema.json'] as const;

/** schemas/editor/*.json: paths relative to schemas/. */
export function editorSchemaFiles(): Record<string, Record<string, unknown>> {
  const strict = schemaFiles();
  return Object.fromEntries(EDITOR_SCHEMAS.map((name) => [`editor/${name}`,
    editorAssistSchema(strict[name], { id: `https://micro-agent-studio.invalid/schemas/editor/${name}` })]));
}

/** Every file write-schemas.ts writes, strict and assist, by path relative to schemas/. */
export function allSchemaFiles(): Record<string, Record<string, unknown>> {
  return { ...schemaFiles(), ...editorSchemaFiles() };
}
