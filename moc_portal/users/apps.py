from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "moc_portal.users"
    label = "users"
    verbose_name = "Пользователи и роли"
