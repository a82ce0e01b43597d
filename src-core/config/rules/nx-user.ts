// What nx_user.h means for the agent: MA109 (the build stops with #error) and MA110 (module disabled),
// checked from the agent's configuration file and from nx_user.h itself.
import { RuleContext } from './context';
import { isOn } from '../option-values';
import type { Diagnostic } from '../../language/types';
import type { EffectiveConfig, OptionSetting } from '../model';
import { ruleCode } from '../../catalogue/codes';

const FILTER = 'NX_ENABLE_IP_PACKET_FILTER';
const OPT_OUT = 'NX_AZURE_DISABLE_IOT_SECURITY_MODULE';
const EXCLUDE_PORT = '__ASC_CONFIG_EXCLUDE_PORT__H__';

export function nxUserRequirements(ctx: RuleContext): void {
  const optOut = ctx.nx(OPT_OUT);
  if (optOut) {
    const first = ctx.config.settings.find((s) => s.file === ctx.file && s.via !== 'base');
    ctx.report('MA110', first?.nameRange ?? ctx.anchor(OPT_OUT),
      `nx_user.h defines ${OPT_OUT}: the security module is not built, so this configuration has no effect.`,
      { related: ctx.related(optOut, `${OPT_OUT} is defined here`) });
    return;
  }
  const collector = 'ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED';
  // Without an nx_user.h there is nothing to check against (decision: no guess).
  if (ctx.nxUser && isOn(ctx.resolved.written, collector) && !ctx.nx(FILTER)) {
    ctx.report('MA109', ctx.anchor(collector),
      `The network activity collector is on but ${ctx.nxUser.file} does not define ${FILTER}: nx_azure_iot_security_module.h stops the build with #error. Define it in nx_user.h.`,
      { related: [{ file: ctx.nxUser.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'nx_user.h used for this check' }] });
  }
  const exclude = ctx.own(EXCLUDE_PORT) ?? ctx.nx(EXCLUDE_PORT);
  if (exclude && exclude.via !== 'undef' && exclude.via !== 'cmake-undef' && exclude.value !== false) {
    const here = exclude.file === ctx.file;
    ctx.report('MA109', here ? exclude.nameRange : ctx.anchor(EXCLUDE_PORT),
      `${EXCLUDE_PORT} is defined: nx_azure_iot_security_module.h stops the build with "Platform includes error" (asc_config.h must include tx_port.h, nx_port.h and nx_api.h).`,
      { related: here ? undefined : ctx.related(exclude, 'defined here') });
  }
}

/** Checks of nx_user.h on its own. Decision: it is taken to build the Azure IoT middleware (and so the
 *  module, on by default) when it defines NXD_MQTT_CLOUD_ENABLE, which the middleware requires. */
export function runNxUserRules(nxUser: EffectiveConfig): Diagnostic[] {
  const defined = (name: string): OptionSetting | undefined => {
    const s = nxUser.effective.get(name);
    return s && s.active && s.via !== 'undef' && s.via !== 'cmake-undef' && s.value !== false ? s : undefined;
  };
  const mqtt = defined('NXD_MQTT_CLOUD_ENABLE');
  if (!mqtt || mqtt.file !== nxUser.file || defined(FILTER) || defined(OPT_OUT)) return [];
  return [{
    code: 'MA109', severity: ruleCode('MA109')?.defaultSeverity ?? 'error', file: nxUser.file, range: mqtt.nameRange,
    message: `This nx_user.h builds the Azure IoT middleware (NXD_MQTT_CLOUD_ENABLE), which enables the security module by default, but does not define ${FILTER}: the module's header stops the build with #error. Define ${FILTER}, or ${OPT_OUT} to opt out.`,
    fixes: [{ title: `Define ${FILTER}`, edits: [{ range: { start: { line: mqtt.statementRange.end.line + 1, character: 0 }, end: { line: mqtt.statementRange.end.line + 1, character: 0 } }, newText: `#define ${FILTER}\n` }], preferred: true }],
  }];
}
