// Definition checks that keep the runner's SQL safe (names are interpolated into DDL) and its
// tables owned by exactly one projection.
import { assertProjectionDefinition, assertProjectionSet, Projection } from './projection';

function projection(overrides: Partial<Projection> = {}): Projection {
  return { name: 'batch-supply', version: 1, tables: ['batch_supply'], apply: async () => undefined, ...overrides };
}

describe('projection definitions', () => {
  it('assertProjectionDefinition_WhenWellFormed_ThenAccepted', () => {
    expect(() => assertProjectionDefinition(projection())).not.toThrow();
  });

  it.each([
    ['an upper-case name', { name: 'BatchSupply' }, 'Invalid projection name'],
    ['a version 0', { version: 0 }, 'version must be a positive integer'],
    ['a fractional version', { version: 1.5 }, 'version must be a positive integer'],
    ['no table', { tables: [] }, 'owns no table'],
    ['an injected table name', { tables: ['batch_supply; DROP TABLE events'] }, 'invalid table name'],
    ['a schema-qualified table', { tables: ['public.batch_supply'] }, 'invalid table name'],
    ['a name longer than PostgreSQL keeps', { tables: ['t'.repeat(64)] }, 'invalid table name'],
    ['a duplicated table', { tables: ['batch_supply', 'batch_supply'] }, 'lists a table twice'],
  ])('assertProjectionDefinition_WhenGiven %s_ThenRefused', (_case, overrides, message) => {
    expect(() => assertProjectionDefinition(projection(overrides))).toThrow(message);
  });

  it('assertProjectionSet_WhenTwoProjectionsShareANameOrTable_ThenRefused', () => {
    expect(() => assertProjectionSet([projection(), projection({ tables: ['other'] })])).toThrow('Two projections are named batch-supply');
    expect(() => assertProjectionSet([projection(), projection({ name: 'holdings' })])).toThrow('owned by both batch-supply and holdings');
    expect(() => assertProjectionSet([projection(), projection({ name: 'holdings', tables: ['holdings'] })])).not.toThrow();
  });
});
