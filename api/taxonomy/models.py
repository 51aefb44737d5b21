"""Task types: the taxonomy is data, seeded by migration, so it can grow without a release."""

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel


class TaskType(SQLModel, table=True):
    __tablename__ = "task_types"

    key: str = SQLField(primary_key=True, max_length=64)
    name: str = SQLField(max_length=120)
    family: str = SQLField(max_length=64)
    unit: str = SQLField(max_length=64)
    onboarding_hours: float


class TaskTypePublic(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "key": "invoicing",
                    "name": "Invoicing",
                    "family": "finance",
                    "unit": "invoices",
                    "onboarding_hours": 3,
                }
            ]
        },
    )

    key: str = Field(description="Stable identifier used as `task_type` everywhere.")
    name: str = Field(description="Display name.")
    family: str = Field(
        description="Group of related task types: finance, admin, marketing, support."
    )
    unit: str = Field(description="What `volume` counts, per month.")
    onboarding_hours: float = Field(
        description="Hours of the owner's time handing this work over takes (briefing, "
        "access, checking the first months); the advisor prices it at the owner's hourly value."
    )
