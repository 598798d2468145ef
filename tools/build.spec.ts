import { existsSync, readdirSync, readFileSync } from 'fs';
import { rm } from 'fs/promises';
import { builtinModules } from 'module';
import { dirname, join, relative } from 'path';
import { build, BuildResult } from './build';

const ROOT = join(__dirname, '..');
const REQUIRE_PATTERN = /require\("([^"]+)"\)/g;

function jsFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('tools/build', () => {
  let result: BuildResult;
  let outputs: string[];

  beforeAll(async () => {
    result = await build(join(ROOT, '.build', `spec-${process.pid}-${Date.now().toString(36)}`));
    outputs = jsFiles(result.outDir);
  });

  afterAll(async () => {
    if (result !== undefined) await rm(result.outDir, { recursive: true, force: true });
  });

  it('build_WhenRun_ThenEveryServerSourceHasItsJavaScriptAndNoTestIsIncluded', () => {
    expect(existsSync(join(result.outDir, 'src', 'main.js'))).toBe(true);
    expect(existsSync(join(result.outDir, 'libs', 'kernel', 'src', 'index.js'))).toBe(true);
    expect(outputs).toHaveLength(result.files);
    const tests = outputs.map((file) => relative(result.outDir, file)).filter((file) => /\.(spec|e2e|fixtures)\.js$|(^|\/)test\//.test(file));
    expect(tests).toEqual([]);
  });

  it('build_WhenRun_ThenPathAliasesBecomeRelativeRequiresThatResolve', () => {
    const unresolved: string[] = [];
    for (const file of outputs) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE_PATTERN)) {
        if (specifier.startsWith('@lib/') || specifier.startsWith('@test/')) unresolved.push(`${relative(result.outDir, file)}: ${specifier}`);
        if (specifier.startsWith('.') && !canResolve(specifier, file)) unresolved.push(`${relative(result.outDir, file)}: ${specifier}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('build_WhenRun_ThenEveryPackageTheServerRequiresIsARuntimeDependency', () => {
    // A production install (npm install --omit=dev) has only these: a dev package would fail there.
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    for (const file of outputs) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE_PATTERN)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!builtins.has(name) && dependencies[name] === undefined) missing.add(`${name} (${relative(result.outDir, file)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('build_WhenRun_ThenTheOutputRunsWithDecoratorMetadataAndClassNames', () => {
    // Nest injects by the constructor parameter types SWC records as design:paramtypes.
    const kernel = require(join(result.outDir, 'libs', 'kernel', 'src', 'index.js')) as typeof import('@lib/kernel');
    expect(kernel.Money.of('EUR', 12_345).toJSON()).toEqual({ currency: 'EUR', value: 12_345 });
    expect(kernel.Money.name).toBe('Money');
    const { SaleProceeds } = require(join(result.outDir, 'src', 'funding', 'proceeds', 'sale-proceeds.js')) as typeof import('../src/funding/proceeds/sale-proceeds');
    const parameterTypes = Reflect.getMetadata('design:paramtypes', SaleProceeds) as Array<{ name: string }>;
    expect(parameterTypes.map((type) => type.name)).toEqual(['FundingStreams', 'FundingSites', 'Object', 'Object']);
  });
});

function canResolve(specifier: string, from: string): boolean {
  try {
    require.resolve(join(dirname(from), specifier));
    return true;
  } catch {
    return false;
  }
}
