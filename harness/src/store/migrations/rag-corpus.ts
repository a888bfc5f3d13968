/** Documents the RAG pattern retrieves from, with their embedding per embedding model. */
export const RAG_CORPUS_DDL = `
CREATE TABLE IF NOT EXISTS rag_corpus (
    model LowCardinality(String),
    id UInt32,
    title String,
    text String,
    embedding Array(Float32)
) ENGINE = ReplacingMergeTree ORDER BY (model, id)`;
