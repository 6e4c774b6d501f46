// One field of an ask form, by kind. Exhaustive: a new control kind is a compile error here.
import { assertNever } from "../../assertNever";
import { BooleanField } from "./fields/BooleanField";
import { EnumField } from "./fields/EnumField";
import type { FieldProps } from "./fields/fieldProps";
import { JsonField } from "./fields/JsonField";
import { ListField } from "./fields/ListField";
import { ObjectField } from "./fields/ObjectField";
import { TextField } from "./fields/TextField";

export function FieldControl(props: FieldProps) {
  const control = props.control;
  switch (control.kind) {
    case "string":
    case "integer":
    case "number":
      return <TextField {...props} control={control} />;
    case "boolean":
      return <BooleanField {...props} control={control} />;
    case "enum":
      return <EnumField {...props} control={control} />;
    case "list":
      return <ListField {...props} control={control} />;
    case "object":
      return <ObjectField {...props} control={control} />;
    case "json":
      return <JsonField {...props} control={control} />;
    default:
      return assertNever(control, "control");
  }
}
