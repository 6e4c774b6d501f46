// Field paths inside an answer object: ["items", 0, "name"] is shown and keyed as "items[0].name".
// The server names fields in google.rpc.BadRequest violations; it may write "items.0.name",
// "items[0].name" or prefix the request field ("step_input_override_json.items[0].name").

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

export function pathKey(path: FieldPath): string {
  let key = "";
  path.forEach((segment, index) => {
    if (typeof segment === "number") key += `[${segment}]`;
    else key += index === 0 ? segment : `.${segment}`;
  });
  return key;
}

const requestFieldPrefixes = ["step_input_override_json", "stepInputOverrideJson"];

/** Parses a server field path into segments; numeric segments become list indices. */
export function parseFieldPath(field: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /\[(\d+)\]|\[["']([^"']*)["']\]|([^.[\]]+)/g;
  for (const match of field.trim().replace(/^\$\.?/, "").matchAll(re)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(match[2]);
    else if (match[3] !== undefined) {
      const text = match[3];
      segments.push(/^\d+$/.test(text) && segments.length > 0 ? Number(text) : text);
    }
  }
  const first = segments[0];
  if (typeof first === "string" && requestFieldPrefixes.includes(first)) segments.shift();
  return segments;
}
