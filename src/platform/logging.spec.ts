import { redactUrl } from './logging';

const TOKEN = 'kX3v_9QeLm0-ZtR8yUq2WbN4cJ7hD5sAaPfGiKoE1xY';

describe('redacting URLs for the log', () => {
  it('hides the ballot token in the path whatever its case, keeping the rest', () => {
    expect(redactUrl(`/stemmen/${TOKEN}`)).toBe('/stemmen/[geheim]');
    expect(redactUrl(`/STEMMEN/${TOKEN}`)).toBe('/STEMMEN/[geheim]');
    expect(redactUrl(`/StEmMeN/${TOKEN}/doorgeven?x=1`)).toBe('/StEmMeN/[geheim]/doorgeven?x=1');
    expect(redactUrl(`//stemmen/${TOKEN}#top`)).toBe('//stemmen/[geheim]#top');
  });

  it('hides receipt codes and secret-looking query parameters', () => {
    expect(redactUrl('/api/receipts/ABCD-EFGH-JKLM')).toBe('/api/receipts/[geheim]');
    expect(redactUrl('/API/Receipts/abcd-efgh')).toBe('/API/Receipts/[geheim]');
    expect(redactUrl(`/x?token=${TOKEN}&on=2020-06-30`)).toBe('/x?token=[geheim]&on=2020-06-30');
    expect(redactUrl(`/x?on=2020-06-30&TOKEN=${TOKEN}&password=geheim123&code=123456&sessie=abc&_csrf=zz`)).toBe(
      '/x?on=2020-06-30&TOKEN=[geheim]&password=[geheim]&code=[geheim]&sessie=[geheim]&_csrf=[geheim]',
    );
  });

  it('leaves ordinary URLs alone', () => {
    expect(redactUrl('/api/members?on=2020-06-30')).toBe('/api/members?on=2020-06-30');
    expect(redactUrl('/raadplegingen/0b0c/stemgewichten')).toBe('/raadplegingen/0b0c/stemgewichten');
    expect(redactUrl(undefined)).toBe('');
  });
});
