"""The tag vocabulary: topic, trap and level tags with short descriptions.

The names follow the team's tagging schema; the project-added tags at the end
are the ones the bundled banks needed where no schema tag fitted (they are
listed in the README too).
"""

from __future__ import annotations

TOPIC_TAGS: dict[str, str] = {
    "Delta-Lake": "Delta Lake core: VACUUM, OPTIMIZE, time travel",
    "Delta-MERGE": "MERGE INTO syntax and conditional upserts",
    "Delta-CDC": "Change data capture and the Change Data Feed",
    "Delta-Constraints": "CHECK and NOT NULL constraints",
    "Delta-Schema-Evolution": "mergeSchema, overwriteSchema",
    "Delta-Optimization": "ZORDER, OPTIMIZE, file layout and sizing",
    "Streaming": "Structured Streaming: triggers, checkpoints, watermarks",
    "Streaming-Sources": "Streaming sources: Kafka, Event Hubs, Auto Loader",
    "Streaming-Sinks": "Streaming sinks: Delta, Parquet, console",
    "Streaming-Windowing": "Tumbling, sliding and session windows",
    "Streaming-Stateful": "Stateful streaming operations",
    "Auto-Loader": "Auto Loader (cloudFiles), schema inference",
    "Unity-Catalog": "Unity Catalog: metastore, catalog, schema",
    "UC-Permissions": "GRANT, REVOKE and privilege inheritance",
    "UC-Data-Governance": "Lineage, audit logs, tags",
    "UC-External-Locations": "External locations and storage credentials",
    "UC-Sharing": "Delta Sharing across organisations",
    "Databricks-SQL": "SQL warehouses and query history",
    "Databricks-Workflows": "Jobs, tasks and orchestration",
    "Databricks-Repos": "Git folders and notebook version control",
    "Databricks-Secrets": "Secret scopes and dbutils.secrets",
    "Databricks-CLI": "The Databricks command line",
    "Cluster-Management": "Cluster types, configuration and autoscaling",
    "PySpark": "The PySpark DataFrame API",
    "Spark-SQL": "Spark SQL: SELECT, JOIN, window functions",
    "DataFrames": "DataFrame operations: select, filter, groupBy",
    "Spark-UDF": "UDFs and pandas UDFs",
    "Spark-Performance": "Partitioning, caching, broadcast joins",
    "Spark-Joins": "Inner, outer, semi and anti joins",
    "ETL-Patterns": "Incremental loads, SCD type 2, medallion",
    "Data-Quality": "Validation, expectations, testing",
    "Data-Modeling": "Star and snowflake schemas",
    "File-Formats": "Parquet, JSON, CSV, Avro",
    "Partitioning": "Partition columns and bucketing",
    "Schema-Management": "Schema inference and evolution",
    "Security": "Authentication and authorisation",
    "Access-Control": "ACLs, row and column level security",
    "Encryption": "Encryption at rest and in transit",
    "Audit-Logging": "Audit logs and compliance",
    # Project-added topic tags (see README).
    "Jobs-API": "The Databricks Jobs REST API",
    "REST-API": "Databricks REST API conventions: methods, limits, errors",
}

TRAP_TAGS: dict[str, str] = {
    "Syntax-Confusion": "Two syntaxes that look alike",
    "Parameter-Order": "Parameters in the wrong order",
    "Command-Purpose": "Commands whose purposes get mixed up",
    "Case-Sensitivity": "Case of keywords or names",
    "Keyword-Typo": "A misspelt keyword",
    "Concept-Confusion": "Two concepts that get mixed up",
    "Similar-Function": "Functions that do nearly the same thing",
    "Logical-Trap": "Negations and conditions",
    "Scope-Misunderstanding": "What a setting or privilege applies to",
    "Unit-Confusion": "Days vs hours, MB vs GB",
    "Number-Trap": "A number that is close but wrong",
    "Default-Value": "A misremembered default",
    "Execution-Behavior": "What actually runs, and when",
    "Side-Effect": "Whether an operation changes data",
    "Performance-Misconception": "Assumed automatic optimisation",
    # Project-added trap tags (see README).
    "Similar-Options": "Options that differ by one word",
    "HTTP-Method-Confusion": "GET vs POST for an endpoint",
    "ID-Type-Confusion": "job_id vs run_id vs number_in_job",
}

LEVEL_TAGS: dict[str, str] = {
    "L1-Basic": "A single fact found directly in the documentation",
    "L2-Intermediate": "Combines concepts or compares similar features",
    "L3-Advanced": "Scenario needing a deep understanding",
}


def describe(tag: str) -> str:
    """The description of a tag, or an empty string when it is not in the vocabulary."""
    return TOPIC_TAGS.get(tag) or TRAP_TAGS.get(tag) or LEVEL_TAGS.get(tag, "")
