// Field paths use the protobuf JSON names (lowerCamelCase), the names REST clients send.

/** `parent.name`, or `name` at the message root. */
export function fieldPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** `list[index]`. */
export function itemPath(list: string, index: number): string {
  return `${list}[${index}]`;
}
