// Copy-paste snippets for calling the gateway, shared by the docs page and (through the same
// function) any quickstart elsewhere in the dashboard. Keys go through an environment variable:
// a snippet that inlines the key invites committing it.

export interface Snippet {
  id: 'curl' | 'javascript' | 'python';
  label: string;
  code: string;
}

export interface SnippetOptions {
  model?: string;
  flow?: string;
}

export function quickstartSnippets(baseUrl: string, { model = 'openai/gpt-4o-mini', flow = 'support-bot' }: SnippetOptions = {}): Snippet[] {
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $LLMTEST_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "X-Flow: ${flow}" \\
  -d '{
    "model": "${model}",
    "messages": [{"role": "user", "content": "Say hello in one word."}]
  }'`,
    },
    {
      id: 'javascript',
      label: 'JavaScript (openai)',
      code: `// npm install openai
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${baseUrl}',
  apiKey: process.env.LLMTEST_API_KEY,
  defaultHeaders: { 'X-Flow': '${flow}' },
});

const completion = await client.chat.completions.create({
  model: '${model}',
  messages: [{ role: 'user', content: 'Say hello in one word.' }],
});
console.log(completion.choices[0].message.content);`,
    },
    {
      id: 'python',
      label: 'Python (openai)',
      code: `# pip install openai
import os
from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key=os.environ["LLMTEST_API_KEY"],
    default_headers={"X-Flow": "${flow}"},
)

completion = client.chat.completions.create(
    model="${model}",
    messages=[{"role": "user", "content": "Say hello in one word."}],
)
print(completion.choices[0].message.content)`,
    },
  ];
}

/** Reading LLMTest's response headers with each client. */
export function headerSnippets(baseUrl: string): Snippet[] {
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `curl -si ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $LLMTEST_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"openai/gpt-4o","models":["openai/gpt-4o","anthropic/claude-sonnet-4"],"messages":[{"role":"user","content":"Hi"}]}' \\
  | grep -i '^x-llmtest-'`,
    },
    {
      id: 'javascript',
      label: 'JavaScript (openai)',
      code: `const { data, response } = await client.chat.completions
  .create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
  .withResponse();

console.log(response.headers.get('x-llmtest-request-id'));
console.log(response.headers.get('x-llmtest-fallback-model')); // null unless a fallback served
console.log(data.model); // the model that actually answered`,
    },
    {
      id: 'python',
      label: 'Python (openai)',
      code: `raw = client.chat.completions.with_raw_response.create(
    model="openai/gpt-4o",
    messages=[{"role": "user", "content": "Hi"}],
)
print(raw.headers.get("x-llmtest-request-id"))
print(raw.headers.get("x-llmtest-fallback-model"))  # None unless a fallback served
completion = raw.parse()`,
    },
  ];
}

/** A request that names its own fallbacks (OpenRouter's `models` convention). */
export function fallbackSnippets(): Snippet[] {
  return [
    {
      id: 'curl',
      label: 'JSON body',
      code: `{
  "model": "openai/gpt-4o",
  "models": ["openai/gpt-4o", "anthropic/claude-sonnet-4", "google/gemini-2.5-pro"],
  "messages": [{ "role": "user", "content": "Hi" }]
}`,
    },
    {
      id: 'javascript',
      label: 'JavaScript (openai)',
      code: `const completion = await client.chat.completions.create({
  model: 'openai/gpt-4o',
  // Not in the SDK's types: extra fields are sent as they are.
  // @ts-expect-error LLMTest extension
  models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-pro'],
  messages: [{ role: 'user', content: 'Hi' }],
});`,
    },
    {
      id: 'python',
      label: 'Python (openai)',
      code: `completion = client.chat.completions.create(
    model="openai/gpt-4o",
    messages=[{"role": "user", "content": "Hi"}],
    extra_body={"models": ["openai/gpt-4o", "anthropic/claude-sonnet-4", "google/gemini-2.5-pro"]},
)`,
    },
  ];
}
