import { loadConfig } from './app-config';

describe('configuration', () => {
  it('works on this machine without any setting', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ledenraadpleging');
    expect(config.PORT).toBe(3000);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: PORT must not be greater than 65535/);
    expect(() => loadConfig({ BOARD_PASSWORD: 'kort' })).toThrow(/BOARD_PASSWORD/);
  });

  it('refuses the development ballot-link secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BALLOT_LINK_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', BALLOT_LINK_SECRET: 'x'.repeat(40) }).BALLOT_LINK_SECRET).toBe('x'.repeat(40));
  });
});
