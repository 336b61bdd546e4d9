from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Пользователи и роли"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import idle_stamp_on_login

        user_logged_in.connect(idle_stamp_on_login, dispatch_uid="accounts-idle-stamp")
