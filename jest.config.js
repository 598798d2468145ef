// One Jest run covers unit, integration (real PostgreSQL/Redis) and e2e suites.
// Each suite creates its own database and queue prefix (test/support), so files run in parallel.
const fs = require('fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/src', '<rootDir>/test', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@lib/(kernel|event-store|projections|jobs)$': '<rootDir>/libs/$1/src',
    '^@lib/(kernel|event-store|projections|jobs)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@test/support$': '<rootDir>/test/support',
    '^@test/support/(.*)$': '<rootDir>/test/support/$1',
  },
  // The app-process suites run the built server (test/support/server-build.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
