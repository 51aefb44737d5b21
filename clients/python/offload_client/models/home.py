from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Home")


@_attrs_define
class Home:
    """
    Attributes:
        app (str): The web workspace for business owners and vendors.
        docs (str): Interactive API docs (Swagger UI).
        name (str):
        openapi (str): The OpenAPI document.
        problems (str): Every problem type, what it means and what to do.
        redoc (str): The same docs as ReDoc.
        task_types (str): The taxonomy; the one `/v1` route without a key.
        version (str):
    """

    app: str
    docs: str
    name: str
    openapi: str
    problems: str
    redoc: str
    task_types: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app = self.app

        docs = self.docs

        name = self.name

        openapi = self.openapi

        problems = self.problems

        redoc = self.redoc

        task_types = self.task_types

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "app": app,
                "docs": docs,
                "name": name,
                "openapi": openapi,
                "problems": problems,
                "redoc": redoc,
                "task_types": task_types,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        app = d.pop("app")

        docs = d.pop("docs")

        name = d.pop("name")

        openapi = d.pop("openapi")

        problems = d.pop("problems")

        redoc = d.pop("redoc")

        task_types = d.pop("task_types")

        version = d.pop("version")

        home = cls(
            app=app,
            docs=docs,
            name=name,
            openapi=openapi,
            problems=problems,
            redoc=redoc,
            task_types=task_types,
            version=version,
        )

        home.additional_properties = d
        return home

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
