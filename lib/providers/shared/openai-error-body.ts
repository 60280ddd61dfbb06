// The OpenAI error body shape (`{"error":{message,type,param,code}}`) that OpenAI clients parse.
// Used by the gateway's error responses and by the fake OpenAI-format upstreams in tests.

export interface OpenAiErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | number | null;
}

export function buildOpenAiErrorBody(fields: OpenAiErrorFields): string {
  return JSON.stringify({
    error: { message: fields.message, type: fields.type, param: fields.param ?? null, code: fields.code ?? null },
  });
}
