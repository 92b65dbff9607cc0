import {
  AliasPointer,
  PointerMove,
  rollbackTarget,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { parameterNameFor, RegistryConfig } from '../config/readRegistryConfig';
import { PointerRecord } from '../database/PointerStore';

/**
 * A pointer as the API shows it: with the SSM parameter callers read it from and, given the move that
 * set it, the version a rollback would go to (so the page and the template never work these out).
 */
export function toAliasPointer(
  config: RegistryConfig,
  pointer: PointerRecord,
  lastMove?: PointerMove,
): AliasPointer {
  // The rule needs only the latest move: every move but the first records the version before it.
  const target = lastMove ? rollbackTarget([lastMove]) : undefined;
  return {
    ...pointer,
    parameterName: parameterNameFor(config, pointer.modelName, pointer.alias),
    ...(target !== undefined ? { rollbackTarget: target } : {}),
  };
}

/** Every pointer of a model as the API shows it. */
export function toAliasPointers(
  config: RegistryConfig,
  pointers: PointerRecord[],
  lastMoves: PointerMove[],
): AliasPointer[] {
  const moveOf = new Map(
    lastMoves.map(m => [`${m.alias}|${m.region}|${m.seq}`, m]),
  );
  return pointers.map(p =>
    toAliasPointer(
      config,
      p,
      moveOf.get(`${p.alias}|${p.region}|${p.revision}`),
    ),
  );
}
