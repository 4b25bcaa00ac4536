// A scripted CSMS for the ocpp module's tests: ocpp-rpc 2.2.1 with strict schema validation for
// OCPP 2.1 and 2.0.1. Prints one JSON line per event on stdout; takes one JSON command per line on stdin.
//
//   node csms.js [--port N] [--protocols ocpp2.1,ocpp2.0.1] [--password P] [--tls-key K --tls-cert C [--tls-ca CA --mtls]]
//
// stdout: {"event":"listening","port":N} first, then "connected", "call" (every CALL from the station,
// with our answer), "callResult"/"callError" (answers to our CALLs), "response" (every
// answer frame from the station, raw), "badMessage", "strictValidationFailure",
// "authRejected", "disconnected".
// stdin: {"cmd":"call","action":A,"payload":{...}} · {"cmd":"raw","text":"..."} · {"cmd":"set","key":K,"value":V}
//        (keys: bootStatus, bootInterval, authorizeStatus, evChargingNeedsStatus) · {"cmd":"dropAll"}
'use strict';
const fs = require('fs');
const https = require('https');
const readline = require('readline');
const path = require('path');
const { RPCServer, createValidator } = require('ocpp-rpc');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : dflt; };
const flag = (name) => args.includes('--' + name);
const protocols = opt('protocols', 'ocpp2.1,ocpp2.0.1').split(',');
const password = opt('password', null);

function out(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }

// ocpp-rpc 2.2.1 looks up 2.1 schemas as urn:<X>.req / .conf, but its bundled 2.1 file names them
// urn:<X>Request / Response: rename the ids (the schemas themselves stay as they are).
const bundled = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('ocpp-rpc')), 'lib', 'schemas', 'ocpp2_1.json'), 'utf8'));
for (const s of bundled) {
  s.$id = s.$id.replace(/Request$/, '.req').replace(/Response$/, '.conf');
}
const validator21 = createValidator('ocpp2.1', bundled);

const state = { bootStatus: 'Accepted', bootInterval: 300, authorizeStatus: 'Accepted', evChargingNeedsStatus: 'Accepted' };
const clients = new Set();

const server = new RPCServer({
  protocols,
  strictMode: true,
  strictModeValidators: [validator21],
  callTimeoutMs: 10000,
  maxBadMessages: Infinity,
});

server.auth((accept, reject, handshake) => {
  if (password !== null) {
    const got = handshake.password ? handshake.password.toString('utf8') : null;
    if (got !== password) {
      out({ event: 'authRejected', identity: handshake.identity, reason: 'password' });
      return reject(401, 'Unauthorized');
    }
  }
  if (flag('mtls')) {
    const sock = handshake.request.socket;
    const cert = sock.getPeerCertificate ? sock.getPeerCertificate() : null;
    if (!sock.authorized || !cert || !cert.subject) {
      out({ event: 'authRejected', identity: handshake.identity, reason: 'client certificate' });
      return reject(401, 'Unauthorized');
    }
    out({ event: 'clientCertificate', cn: cert.subject.CN, serial: cert.serialNumber });
  }
  accept({ identity: handshake.identity });
});

server.on('client', (client) => {
  clients.add(client);
  out({ event: 'connected', identity: client.identity, protocol: client.protocol });
  client.on('badMessage', (e) => out({ event: 'badMessage', error: String(e.error && e.error.message) }));
  client.on('strictValidationFailure', (e) => out({ event: 'strictValidationFailure', error: String(e.error && e.error.message), outbound: !!e.outbound, method: e.method }));
  // Every answer the station sends (to our CALLs and to raw frames): lets tests check the exact CALLERROR.
  client.on('response', (e) => { if (!e.outbound) out({ event: 'response', payload: e.payload }); });
  client.on('close', () => { clients.delete(client); out({ event: 'disconnected', identity: client.identity }); });
  client.handle(({ method, params }) => {
    let answer;
    const now = new Date().toISOString();
    switch (method) {
      case 'BootNotification': answer = { currentTime: now, interval: state.bootInterval, status: state.bootStatus }; break;
      case 'Heartbeat': answer = { currentTime: now }; break;
      case 'Authorize': answer = { idTokenInfo: { status: state.authorizeStatus } }; break;
      case 'TransactionEvent': answer = {}; break;
      case 'NotifyEVChargingNeeds': answer = { status: state.evChargingNeedsStatus }; break;
      case 'NotifyEVChargingSchedule': answer = { status: 'Accepted' }; break;
      case 'SignCertificate': answer = { status: 'Accepted' }; break;
      default: answer = {}; break;
    }
    out({ event: 'call', identity: client.identity, protocol: client.protocol, action: method, payload: params, answer });
    return answer;
  });
});

async function main() {
  let port;
  if (opt('tls-key', null)) {
    const httpsServer = https.createServer({
      key: fs.readFileSync(opt('tls-key')),
      cert: fs.readFileSync(opt('tls-cert')),
      ca: opt('tls-ca', null) ? fs.readFileSync(opt('tls-ca')) : undefined,
      requestCert: flag('mtls'),
      rejectUnauthorized: flag('mtls'),
      minVersion: 'TLSv1.2',
    });
    httpsServer.on('upgrade', server.handleUpgrade);
    httpsServer.on('tlsClientError', (e) => out({ event: 'tlsClientError', error: String(e.message) }));
    await new Promise((res) => httpsServer.listen(Number(opt('port', '0')), '127.0.0.1', res));
    port = httpsServer.address().port;
  } else {
    const http = await server.listen(Number(opt('port', '0')), '127.0.0.1');
    port = http.address().port;
  }
  out({ event: 'listening', port });
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let cmd;
  try { cmd = JSON.parse(line); } catch (e) { out({ event: 'commandError', error: 'not JSON' }); return; }
  if (cmd.cmd === 'set') { state[cmd.key] = cmd.value; out({ event: 'set', key: cmd.key }); return; }
  if (cmd.cmd === 'dropAll') { for (const c of clients) c.close({ force: true }); return; }
  for (const c of clients) {
    if (cmd.cmd === 'raw') { c.sendRaw(cmd.text); out({ event: 'rawSent' }); }
    if (cmd.cmd === 'call') {
      try {
        const result = await c.call(cmd.action, cmd.payload);
        out({ event: 'callResult', action: cmd.action, result, t: Date.now() }); // t: when the answer arrived (ms, wall clock)
      } catch (e) {
        out({ event: 'callError', action: cmd.action, code: e.rpcErrorCode || String(e.code || ''), message: String(e.message) });
      }
    }
  }
});
process.stdin.on('end', () => process.exit(0));

main().catch((e) => { out({ event: 'fatal', error: String(e && e.stack) }); process.exit(1); });
