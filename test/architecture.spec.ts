// Dependency rules of DESIGN §3.1, checked on the source text: libraries never reach into the
// application, the kernel stays framework-free, and libraries only use each other's public index.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..');
const IMPORT_PATTERN = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT_PATTERN)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function violations(dir: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(specifier, file))
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
}

const FRAMEWORKS = /^(@nestjs\/|typeorm|pg$|pg\/|ioredis|bullmq|@eventstore\/|pino|fastify)/;

describe('architecture', () => {
  it('kernel_WhenImporting_ThenUsesNoFrameworkOrInfrastructure', () => {
    expect(violations('libs/kernel', (s) => FRAMEWORKS.test(s))).toEqual([]);
  });

  it('libraries_WhenImporting_ThenNeverReachIntoTheApplication', () => {
    for (const lib of readdirSync(join(ROOT, 'libs'))) {
      const intoApp = violations(`libs/${lib}`, (s, file) => {
        if (s.startsWith('src/') || s.startsWith('@app/')) return true;
        if (!s.startsWith('.')) return false;
        return relative(ROOT, join(file, '..', s)).startsWith('src');
      });
      expect(intoApp).toEqual([]);
    }
  });

  it('libraries_WhenImportingEachOther_ThenUseOnlyThePublicIndex', () => {
    const deepImports = [...violations('libs', (s) => /^@lib\/[a-z-]+\/.+/.test(s) && !s.includes('/testing'))];
    expect(deepImports).toEqual([]);
  });

  it('lowerLibraries_WhenImporting_ThenNeverDependOnHigherOnes', () => {
    // kernel ← event-store ← projections ← jobs: a lower layer never imports a higher one.
    const layers = ['kernel', 'event-store', 'projections', 'jobs'];
    layers.forEach((lib, index) => {
      const higher = layers.slice(index + 1);
      const upward = violations(`libs/${lib}`, (s) => higher.some((h) => s === `@lib/${h}` || s.startsWith(`@lib/${h}/`)));
      expect(upward).toEqual([]);
    });
  });
});
