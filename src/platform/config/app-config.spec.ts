import { loadConfig, trustProxySetting } from './app-config';

const RANDOM_SECRET = 'q7Vd0Jx2LmR9sTz4bKc8NwYe1HpAf6Ug3Ei5Oo';

describe('configuration', () => {
  it('works on this machine without any setting', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ledenraadpleging');
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: PORT must not be greater than 65535/);
    expect(() => loadConfig({ BOARD_PASSWORD: 'kort' })).toThrow(/BOARD_PASSWORD/);
    expect(() => loadConfig({ PUBLIC_URL: 'stemmen.vng.example' })).toThrow(/PUBLIC_URL: PUBLIC_URL must be an http\(s\) URL/);
  });

  it('builds ballot links on the port it listens on when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '3927' }).PUBLIC_URL).toBe('http://localhost:3927');
    expect(loadConfig({ PORT: '3927', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:3927');
    expect(loadConfig({ PORT: '3927', PUBLIC_URL: 'https://stemmen.vng.example' }).PUBLIC_URL).toBe('https://stemmen.vng.example');
  });

  it('refuses the development ballot-link secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BALLOT_LINK_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', BALLOT_LINK_SECRET: RANDOM_SECRET }).BALLOT_LINK_SECRET).toBe(RANDOM_SECRET);
  });

  it('refuses placeholders and other obviously weak secrets in production, not in development', () => {
    const weak = [
      'change-this-to-a-long-random-secret-value', // the compose file's old default
      'x'.repeat(40),
      '0123012301230123012301230123012301230123',
      'our-very-own-ballot-link-secret-for-2026!!',
      'please-CHANGE-me-before-going-live-0123456',
    ];
    for (const secret of weak) {
      expect(() => loadConfig({ NODE_ENV: 'production', BALLOT_LINK_SECRET: secret })).toThrow(/BALLOT_LINK_SECRET: set a long random value/);
      expect(loadConfig({ BALLOT_LINK_SECRET: secret }).BALLOT_LINK_SECRET).toBe(secret);
    }
    // What the README tells people to use passes.
    expect(() => loadConfig({ NODE_ENV: 'production', BALLOT_LINK_SECRET: 'sB4Q6v+0l1mJxRzK2yP9eW7tN3cH8fUaGdLq5oIV/wE1Zr0Tk6YbXj4nS2pC8uMh' })).not.toThrow();
  });

  it('trusts no proxy unless told, and then a hop count or a list of addresses', () => {
    expect(trustProxySetting(loadConfig({}))).toBe(false);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '1' }))).toBe(1);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }))).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: TRUST_PROXY must be false, a hop count/);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '192.0.2.10,2001:db8::/32,uniquelocal' }))).toEqual(['192.0.2.10', '2001:db8::/32', 'uniquelocal']);
    for (const wrong of ['10.0.0.0/8; rm', 'face', '10.0.0.0/33', 'loopback/8', '1.2.3.4/8/8']) {
      expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrow(/TRUST_PROXY: TRUST_PROXY must be false, a hop count/);
    }
  });
});
