// streamGenerateContent without ?alt=sse streams one pretty-printed JSON array,
// '[{...}\n,\r\n{...}\n]', element by element. This splitter hands out each top-level object's
// text as soon as its closing brace arrives, whatever the chunking: it only tracks nesting depth
// and whether it is inside a string (braces in strings do not count).
export interface JsonArraySplitter {
  push(text: string): void;
}

export function createJsonArraySplitter(onElement: (json: string) => void): JsonArraySplitter {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';

  return {
    push(text) {
      let start = depth > 0 ? 0 : -1;
      for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (depth === 0) {
          // Between elements: '[', ',', ']' and whitespace.
          if (char === '{') {
            depth = 1;
            start = index;
          }
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if (char === '"') inString = false;
        } else if (char === '"') {
          inString = true;
        } else if (char === '{' || char === '[') {
          depth++;
        } else if (char === '}' || char === ']') {
          depth--;
          if (depth === 0) {
            const json = element + text.slice(start, index + 1);
            element = '';
            start = -1;
            onElement(json);
          }
        }
      }
      if (depth > 0 && start >= 0) element += text.slice(start);
    },
  };
}
