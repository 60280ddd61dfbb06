export { createOpenAiCompatibleAdapter, type OpenAiCompatibleProviderId } from './create-openai-compatible-adapter';
export { openAiCompatibleHosts } from './openai-compatible-hosts';
