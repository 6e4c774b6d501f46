// Scripts as the sandbox describes them (invoice-parser, flaky-report), and one without a contract.
import { create } from "@bufbuild/protobuf";
import {
  ScriptContractSchema,
  ScriptSchema,
  ScriptStatus,
  ScriptVersionSchema,
  ScriptVersionStatus,
  TypeKind,
  type Script,
  type ScriptContract,
  type ScriptVersion,
} from "../../../api/gen/dodil/scriptum/v1/scriptum_pb";
import { buildFormModel, type FormModel } from "../../ask-form/formModel";

export function invoiceContract(): ScriptContract {
  return create(ScriptContractSchema, {
    inputs: [
      { name: "invoice_id", type: { kind: TypeKind.STRING }, required: true, description: "The invoice to parse" },
      { name: "ask_expires_in_s", type: { kind: TypeKind.NUMBER }, required: false, description: "Seconds the approval stays open" },
    ],
  });
}

export function reportContract(): ScriptContract {
  return create(ScriptContractSchema, {
    inputs: [
      { name: "page_size", type: { kind: TypeKind.ENUM, enumName: "page_size" }, required: true, description: "", defaultJson: '"A4"' },
      { name: "tags", type: { kind: TypeKind.LIST, element: { kind: TypeKind.STRING } }, required: false, description: "" },
    ],
    enums: [{ name: "page_size", values: ["A4", "Letter"] }],
  });
}

export function script(name: string, contract: ScriptContract | undefined, activeVersion = 3): Script {
  return create(ScriptSchema, {
    name,
    description: `${name} demo`,
    status: ScriptStatus.ACTIVE,
    activeVersion,
    latestVersion: activeVersion,
    contract,
  });
}

export function versionsOf(contract: ScriptContract | undefined, active = 3): ScriptVersion[] {
  return Array.from({ length: active }, (_, i) => active - i).map((version) =>
    create(ScriptVersionSchema, {
      version,
      status: version === active ? ScriptVersionStatus.ACTIVE : ScriptVersionStatus.SUPERSEDED,
      contract,
    }),
  );
}

export function invoiceModel(): FormModel {
  const contract = invoiceContract();
  return buildFormModel(contract.inputs, contract.enums);
}

export function reportModel(): FormModel {
  const contract = reportContract();
  return buildFormModel(contract.inputs, contract.enums);
}
