// A relying party built on openid-client (OpenID certified), driven by the C# tests one JSON line at a time on stdin;
// it answers one JSON line per request on stdout: {"ok":true,...} or {"ok":false,"error":...,"message":...}.
// The C# test drives the browser; this script does everything a product's back end does with the library: discovery,
// the authorization URL (PKCE S256, state, nonce), the code exchange with its ID token validation, userinfo, refresh,
// revocation. GATEHOUSE_TEST_OIDC_CLIENTS names the node_modules folder scripts/oidc-clients.sh installed.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.env.GATEHOUSE_TEST_OIDC_CLIENTS;
const client = await import(pathToFileURL(join(modules, 'openid-client', 'build', 'index.js')).href);
const jose = await import(pathToFileURL(join(modules, 'jose', 'dist', 'webapi', 'index.js')).href);

const configs = new Map();   // clientId -> openid-client Configuration
const pending = new Map();   // state -> { verifier, nonce, maxAge }

const ops = {
  async discover({ issuer, clientId, clientSecret }) {
    // Loopback http only: the server under test listens on 127.0.0.1 without TLS.
    const config = await client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretPost(clientSecret),
      { execute: [client.allowInsecureRequests] });
    configs.set(clientId, config);
    return { issuer: config.serverMetadata().issuer };
  },
  async authorize({ clientId, redirectUri, scope, extra }) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const parameters = {
      redirect_uri: redirectUri, scope, state, nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...(extra ?? {}),
    };
    pending.set(state, { verifier, nonce, maxAge: extra?.max_age ? Number(extra.max_age) : undefined });
    return { url: client.buildAuthorizationUrl(configs.get(clientId), parameters).href, state };
  },
  async callback({ clientId, url, state }) {
    const checks = pending.get(state);
    const tokens = await client.authorizationCodeGrant(configs.get(clientId), new URL(url), {
      pkceCodeVerifier: checks.verifier, expectedState: state, expectedNonce: checks.nonce, idTokenExpected: true, maxAge: checks.maxAge,
    });
    return answer(tokens);
  },
  async userinfo({ clientId, accessToken, sub }) {
    return { claims: await client.fetchUserInfo(configs.get(clientId), accessToken, sub) };
  },
  async refresh({ clientId, refreshToken }) {
    return answer(await client.refreshTokenGrant(configs.get(clientId), refreshToken));
  },
  async revoke({ clientId, token, hint }) {
    await client.tokenRevocation(configs.get(clientId), token, hint ? { token_type_hint: hint } : undefined);
    return {};
  },
  // Checks a JWT against the JWKS as published now (a fresh fetch): what a product's API does with an access token.
  async verify({ clientId, jwt, audience }) {
    const metadata = configs.get(clientId).serverMetadata();
    const keys = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
    const { payload, protectedHeader } = await jose.jwtVerify(jwt, keys, { issuer: metadata.issuer, audience });
    return { kid: protectedHeader.kid, payload };
  },
};

function answer(tokens) {
  return {
    access_token: tokens.access_token, refresh_token: tokens.refresh_token, id_token: tokens.id_token,
    claims: tokens.claims(), id_token_kid: tokens.id_token ? jose.decodeProtectedHeader(tokens.id_token).kid : undefined,
  };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let reply;
  try {
    const request = JSON.parse(line);
    reply = { ok: true, ...(await ops[request.op](request)) };
  } catch (e) {
    // openid-client's ResponseBodyError carries the server's OAuth error; its own checks carry a code.
    reply = { ok: false, error: e.error ?? e.code ?? e.name, message: String(e.message ?? e), cause: e.cause?.message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
