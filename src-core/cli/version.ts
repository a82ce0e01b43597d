// The tool's version, as reports name it: injected by the bundle, else read from package.json (tests).

declare const PACKAGE_VERSION: string | undefined;

export function toolVersion(): string {
  try {
    return typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : require('../../package.json').version;
  } catch {
    return '0.0.0';
  }
}
