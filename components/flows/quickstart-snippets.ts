// The quickstart shown before a user's first call: their base URL and three ways to call it.

/** http(s)://host/v1 from the request headers (x-forwarded-* first: behind a proxy). */
export function baseUrlFrom(headers: { get(name: string): string | null }): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host') || 'localhost:3000';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}/v1`;
}

export interface Snippet {
  id: 'curl' | 'node' | 'python';
  label: string;
  code: string;
}

export function quickstartSnippets(baseUrl: string, flow = 'support-bot'): Snippet[] {
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $LLMTEST_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "X-Flow: ${flow}" \\
  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}]}'`,
    },
    {
      id: 'node',
      label: 'Node.js (openai)',
      code: `// npm install openai
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${baseUrl}',
  apiKey: process.env.LLMTEST_API_KEY,
  defaultHeaders: { 'X-Flow': '${flow}' },
});

const completion = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello!' }],
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
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Hello!"}],
)
print(completion.choices[0].message.content)`,
    },
  ];
}
