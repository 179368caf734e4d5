// `./tandem bench ai-eval`: the recommender's accuracy and latency, then natural language → workflow scoring
// (against the configured model, or the scripted one without OPENAI_API_KEY).
await import('./recommender.ts');
await import('./nl.ts');
