// The typed inputs of the chosen script and version: the active version's contract comes with the
// script (GetScript); a pinned version's comes from ListScriptVersions. Pure.
import type { Script, ScriptContract, ScriptVersion } from "../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { buildFormModel, type FormModel } from "../ask-form/formModel";

export function contractFor(
  script: Script | undefined,
  versions: readonly ScriptVersion[] | undefined,
  version: number,
): ScriptContract | undefined {
  if (script === undefined) return undefined;
  if (version === 0) return script.contract;
  return versions?.find((candidate) => candidate.version === version)?.contract ?? script.contract;
}

export function inputModel(contract: ScriptContract | undefined): FormModel {
  return buildFormModel(contract?.inputs ?? [], contract?.enums ?? []);
}
