from enum import StrEnum


class WebhookEndpointUpdateEventTypesItem(StrEnum):
    ENGAGEMENT_ACCEPTED = "engagement.accepted"
    ENGAGEMENT_CANCELLED = "engagement.cancelled"
    ENGAGEMENT_COMPLETED = "engagement.completed"
    ENGAGEMENT_DECLINED = "engagement.declined"
    ENGAGEMENT_EXPIRED = "engagement.expired"
    ENGAGEMENT_PROPOSED = "engagement.proposed"
    SERVICE_CREATED = "service.created"
    SERVICE_DELETED = "service.deleted"
    SERVICE_UPDATED = "service.updated"
    TASK_CREATED = "task.created"
    TASK_DELETED = "task.deleted"
    TASK_UPDATED = "task.updated"
    VALUE_0 = "*"

    def __str__(self) -> str:
        return str(self.value)
