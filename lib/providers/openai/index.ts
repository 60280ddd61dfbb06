export { openaiAdapter, createOpenAiFormatAdapter } from './openai-adapter';
export { openAiHost, type OpenAiFormatHost } from './openai-format-host';
