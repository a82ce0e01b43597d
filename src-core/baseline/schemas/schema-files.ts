// The schema file names under schemas/ and the objects they hold.
import { baselineSchema, deviceSecurityGroupSchema } from './baseline-schema';
import { profileSchema } from './profile-schema';

export function schemaFiles(): Record<string, Record<string, unknown>> {
  return {
    'baseline.schema.json': baselineSchema(),
    'device-security-group.schema.json': deviceSecurityGroupSchema(),
    'profile.schema.json': profileSchema(),
  };
}
