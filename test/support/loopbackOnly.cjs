// Preloaded (`node --require`) into app processes that tests start: any connection to a host other
// than loopback fails at once, as if the network were down (tests may only talk to loopback).
// Telemetry's Azure VM resource detector, for one, asks 169.254.169.254.
const net = require('node:net');
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = args[0];
  const opts = Array.isArray(first) ? first[0] : first;
  const host =
    typeof opts === 'object' && opts !== null
      ? (opts.host ?? (opts.path ? 'localhost' : 'localhost'))
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
  if (!LOOPBACK.has(String(host))) {
    process.nextTick(() => this.destroy(Object.assign(new Error(`loopbackOnly: ${host} geweigerd`), { code: 'ECONNREFUSED' })));
    return this;
  }
  return original.apply(this, args);
};
