// MA104 (values the dependency rules replace), MA105 (unimplemented options), MA108-MA110 (nx_user.h).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNxUserRules } from '../../../src-core/config/rules';
import { checkDist, checkHeader, codes, goodNxUser, nxUser, only, withoutUdpNote } from './fixtures';

test('a cache set while the network collector is off: the build forces it to 0 (dist)', () => {
  const d = only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)\nset(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 32)'), 'MA104');
  assert.equal(d.length, 2, 'the shipped IPv6 cache of 64 is overridden too');
  assert.deepEqual(d.map((x) => x.range.start.line), [17, 26]);
  assert.match(d[1].message, /The build sets ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE to 0 because the network activity collector is off/);
  assert.equal(d[1].fixes?.[0].edits[0].newText, '0');
  assert.equal(d[1].related?.[0].message, 'ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED decides');
});

test('the shipped RTOS_BASE.dist caches (64/64, set while the collector is on) are not overridden', () => {
  assert.deepEqual(only(checkDist(''), 'MA104'), []);
});

test('in a hand-edited header the message says nothing applies the rule', () => {
  const d = only(checkHeader('#undef ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED'), 'MA104');
  assert.equal(d.length, 2);
  assert.match(d[0].message, /generated asc_config\.h would have 0.*hand-edited header/);
});

test('restart support on leaves two timers where the build sets three', () => {
  const d = only(checkHeader('#define ASC_COMPONENT_CORE_SUPPORTS_RESTART'), 'MA104');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /ASC_BE_TIMERS_OBJECT_POOL_ENTRIES is 2.*would have 3/);
});

test('FLATCC_NO_ASSERT forces FLATCC_ASSERT off', () => {
  const d = only(checkDist('set(FLATCC_NO_ASSERT ON)'), 'MA104');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /FLATCC_ASSERT to OFF \(undefined\) because FLATCC_NO_ASSERT is on/);
});

test('a pool of a feature the RTOS port does not implement is information; OFF is quiet', () => {
  const d = only(checkHeader('#define ASC_COLLECTOR_PROCESS_IN_CACHE 32'), 'MA105');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'information');
  assert.deepEqual(only(checkDist('set(ASC_COLLECTOR_PROCESS_ENABLED OFF)'), 'MA105'), []);
});

test('an IPv6 cache while nx_user.h defines NX_DISABLE_IPV6 points at nx_user.h', () => {
  const d = only(checkDist('', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_IPV6\n'), 'MA108');
  assert.equal(d.length, 1);
  assert.equal(d[0].related?.[0].file, '/proj/nx_user.h');
  assert.deepEqual(only(checkDist(''), 'MA108'), []);
});

test('the generated header\'s own NX_DISABLE_IPV6 block applies the rule, so nothing is reported', () => {
  assert.deepEqual(codes(withoutUdpNote(checkHeader('', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_IPV6\n'))), []);
});

test('the network collector without NX_ENABLE_IP_PACKET_FILTER stops the build', () => {
  const d = only(checkDist('', '#define NXD_MQTT_CLOUD_ENABLE\n'), 'MA109');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.equal(d[0].range.start.line, 7);
  assert.deepEqual(only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)', '#define NXD_MQTT_CLOUD_ENABLE\n'), 'MA109'), []);
});

test('__ASC_CONFIG_EXCLUDE_PORT__H__ stops the build', () => {
  assert.equal(only(checkHeader('#define __ASC_CONFIG_EXCLUDE_PORT__H__'), 'MA109').length, 1);
});

test('a module disabled in nx_user.h makes the configuration moot', () => {
  const d = checkDist('', '#define NX_AZURE_DISABLE_IOT_SECURITY_MODULE\n');
  assert.deepEqual(codes(d), ['MA110']);
});

test('nx_user.h on its own: the middleware without the packet filter is an error with a fix', () => {
  const d = runNxUserRules(nxUser('#define NX_SECURE_ENABLE\n#define NXD_MQTT_CLOUD_ENABLE\n'));
  assert.equal(d.length, 1);
  assert.deepEqual(d[0].fixes?.[0].edits[0], { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '#define NX_ENABLE_IP_PACKET_FILTER\n' });
  assert.deepEqual(runNxUserRules(nxUser(goodNxUser)), []);
  assert.deepEqual(runNxUserRules(nxUser('#define NX_SECURE_ENABLE\n')), []);
});
