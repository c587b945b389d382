import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, OutageLog } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a database that cannot be reached', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['SQLSTATE class 08 (connection exception)', withCode('08006')],
    ['an administrator shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown (57P02)', withCode('57P02')],
    ['a server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['TypeORM without a connection', new Error('Connection with postgres database is not established. Check connection configuration.')],
    ['the driver error inside a QueryFailedError', new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    ['a refused connection to both addresses (AggregateError)', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['a transaction whose connection broke (TypeORM released its query runner)', new QueryRunnerProviderAlreadyReleasedError()],
  ])('is recognised: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['invalid text for a type (22P02)', withCode('22P02')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('is not confused with %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('is logged once per outage, not once per request', () => {
    const log = new OutageLog(30);
    const error = withCode('ECONNREFUSED', 'connect ECONNREFUSED');
    const lines = [0, 1_000, 5_000, 20_000, 45_000].map((t) => log.note(error, t));
    expect(lines.filter(Boolean)).toHaveLength(1);
    // 40 s later without refusals in between: a new outage, which reports the previous one's count.
    expect(log.note(error, 85_001)).toContain('the previous outage refused 5 request(s)');
  });
});
