// The peer of bench/load/oidc.sh: panva's oidc-provider (npm, OpenID certified) on loopback, configured to issue the
// same kinds of token Gatehouse issues in that benchmark:
// - client credentials for a confidential client posting its secret in the form body (client_secret_post),
//   answered with a JWT access token signed RS256 (Gatehouse's access tokens are JWTs too);
// - refresh tokens rotated on every use (Gatehouse rotates them with reuse leeway 0), for the same client.
// Its in-memory adapter (the default) keeps grants and refresh tokens in the process, where Gatehouse writes them to
// its database: that favours the peer, and the benchmark says so.
// Usage: node oidc-provider-peer.mjs <port> <client-secret>
// Prints "ready <issuer>" once listening. GET /bench/refresh-tokens?n=N (loopback only, a setup aid of this script,
// not part of the measured path) mints N refresh tokens of N grants for the benchmark's chains.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Installed by oidc.sh into .tools/oidc-provider (OIDC_PROVIDER_DIR), outside this script's folder.
const packageDir = join(process.env.OIDC_PROVIDER_DIR, 'node_modules', 'oidc-provider');
const main = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).main ?? 'lib/index.js';
const { default: Provider } = await import(pathToFileURL(join(packageDir, main)));

const [port, secret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'bench',
    client_secret: secret,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials', 'refresh_token', 'authorization_code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    response_types: ['code'],
  }],
  jwks: { keys: [jwk] },
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:gatehouse:bench',
      getResourceServerInfo: () => ({ scope: 'api', audience: 'urn:gatehouse:bench', accessTokenFormat: 'jwt', accessTokenTTL: 300 }),
      useGrantedResource: () => true,
    },
  },
  scopes: ['openid', 'offline_access', 'api'],
  rotateRefreshToken: true,
  ttl: { RefreshToken: 14 * 24 * 3600, Grant: 14 * 24 * 3600, AccessToken: 300 },
  findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  loadExistingGrant: (ctx) => ctx.oidc.provider.Grant.find(ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId) ?? ''),
});
provider.proxy = false;

async function mint(n) {
  const client = await provider.Client.find('bench');
  const tokens = [];
  for (let i = 0; i < n; i++) {
    const accountId = `bench-person-${i}`;
    const grant = new provider.Grant({ accountId, clientId: 'bench' });
    grant.addOIDCScope('openid offline_access');
    grant.addResourceScope('urn:gatehouse:bench', 'api');
    const grantId = await grant.save();
    const refresh = new provider.RefreshToken({
      accountId, client, grantId, gty: 'authorization_code', scope: 'openid offline_access', resource: 'urn:gatehouse:bench',
      authTime: Math.floor(Date.now() / 1000), claims: {}, rotations: 0, iiat: Math.floor(Date.now() / 1000),
    });
    tokens.push(await refresh.save());
  }
  return tokens;
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  if (req.url.startsWith('/bench/refresh-tokens')) {
    const n = Number(new URL(req.url, issuer).searchParams.get('n') ?? '1');
    const tokens = await mint(n);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(tokens.join('\n') + '\n');
    return;
  }
  callback(req, res);
}).listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
