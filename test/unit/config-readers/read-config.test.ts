import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFileKind, distributionFromPath, findNxUserHeader } from '../../../src-core/config/read-config';
import type { FileAccess } from '../../../src-core/language/service';
import { read } from './fixtures';

test('configFileKind: nx_user.h by name, dist files with set(ASC_...), headers by name or ASC_ define', () => {
  assert.equal(configFileKind('/a/nx_user.h', ''), 'nx_user');
  assert.equal(configFileKind('/a/RTOS_BASE.dist', 'set(ASC_A ON)'), 'dist');
  assert.equal(configFileKind('/a/my.cmake', 'SET( ASC_A ON)'), 'dist');
  assert.equal(configFileKind('/a/other.cmake', 'set(FOO ON)'), undefined);
  assert.equal(configFileKind('/a/asc_config.h', ''), 'header');
  assert.equal(configFileKind('/a/board_config.h', '#define ASC_HIGH_PRIORITY_INTERVAL 5'), 'header');
  assert.equal(configFileKind('/a/board_config.h', '/* #undef ASC_LOG_LEVEL */'), 'header');
  assert.equal(configFileKind('/a/main.h', '#define FOO 1'), undefined);
  assert.equal(configFileKind('/a/main.c', '#define ASC_A 1'), undefined);
});

test('distributionFromPath: dist file names, base_dist.cmake, inc/configs/<dist>/asc_config.h; else undefined', () => {
  assert.equal(distributionFromPath('/x/configs/RTOS_BASE.dist'), 'RTOS_BASE');
  assert.equal(distributionFromPath('/x/configs/L4_BASE.dist'), 'L4_BASE');
  assert.equal(distributionFromPath('/x/configs/RTOS_BASE_UT.dist'), 'RTOS_BASE_UT');
  assert.equal(distributionFromPath('/x/core/configs/base_dist.cmake'), 'core');
  assert.equal(distributionFromPath('/x/inc/configs/L4_BASE/asc_config.h'), 'L4_BASE');
  assert.equal(distributionFromPath('C:\\fw\\inc\\configs\\RTOS_BASE_UT\\asc_config.h'), 'RTOS_BASE_UT');
  assert.equal(distributionFromPath('/x/board/asc_config.h'), undefined);
  assert.equal(distributionFromPath('/x/MY.dist'), undefined);
});

function files(paths: string[]): FileAccess {
  const set = new Set(paths);
  return { exists: (p) => set.has(p), readText: () => undefined };
}

test('findNxUserHeader walks up from the file to the nearest nx_user.h', () => {
  const fa = files(['/w/nx_user.h', '/w/app/nx_user.h']);
  assert.equal(findNxUserHeader('/w/app/inc/configs/RTOS_BASE/asc_config.h', fa), '/w/app/nx_user.h');
  assert.equal(findNxUserHeader('/w/lib/asc_config.h', fa), '/w/nx_user.h');
  assert.equal(findNxUserHeader('/other/asc_config.h', fa), undefined);
});

test('findNxUserHeader uses an explicit path (relative to the file) only when it exists', () => {
  const fa = files(['/w/cfg/nx_user.h', '/w/app/nx_user.h']);
  assert.equal(findNxUserHeader('/w/app/asc_config.h', fa, '/w/cfg/nx_user.h'), '/w/cfg/nx_user.h');
  assert.equal(findNxUserHeader('/w/app/asc_config.h', fa, '../cfg/nx_user.h'), '/w/cfg/nx_user.h');
  assert.equal(findNxUserHeader('/w/app/asc_config.h', fa, '/w/missing/nx_user.h'), undefined);
});

test('readConfig picks the reader from the file kind', () => {
  assert.equal(read('/p/RTOS_BASE.dist', 'set(ASC_A ON)\n').kind, 'dist');
  assert.equal(read('/p/nx_user.h', '#define NX_X\n').kind, 'nx_user');
  assert.equal(read('/p/asc_config.h', '#define ASC_A\n').kind, 'header');
  // An nx_user.h is never evaluated against another nx_user.h.
  const nx = read('/p/nx_user.h', '#define NX_DISABLE_IPV6\n');
  assert.equal(read('/q/nx_user.h', '#ifdef NX_DISABLE_IPV6\n#define NX_Y\n#endif\n', { nxUser: nx }).effective.has('NX_Y'), false);
});

test('a 5,000-line header is read in one pass quickly', () => {
  const lines: string[] = [];
  for (let i = 0; i < 1250; i++) {
    lines.push(`/* #undef ASC_OPT_${i}_OFF */`, `#define ASC_OPT_${i} (${i} * 2 + 1)`, `#ifndef ASC_OPT_${i}_OFF`, `#endif`);
  }
  const text = lines.join('\n') + '\n';
  read('/p/asc_config.h', text); // warm-up
  const t0 = performance.now();
  const cfg = read('/p/asc_config.h', text);
  const ms = performance.now() - t0;
  assert.equal(cfg.problems.length, 0);
  assert.equal(cfg.effective.get('ASC_OPT_1249')!.value, 2499);
  // Generous bound for a shared 2-core machine; typical is a few milliseconds.
  assert.ok(ms < 500, `took ${ms.toFixed(1)} ms`);
});
